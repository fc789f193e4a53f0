import type { MessageAttributeValue } from '../core/ports';
import { type DeliveryProtocol, messageFor, type PublishedMessage, type Subscription } from './model';

/** URLs a notification carries, built from the local endpoint. */
export interface NotificationUrls {
  /** Base of the shared endpoint, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
}

/**
 * The signature is a fixed marker: the local SNS does not sign messages, so consumers that verify signatures
 * must skip verification locally (reported at start-up).
 */
export const LOCAL_SIGNATURE = 'TE9DQUwtU05TLU5PVC1TSUdORUQ=';

/** Where a subscriber can unsubscribe locally (served by `SnsEngine.routes()`). */
export const unsubscribeUrl = (urls: NotificationUrls, subscriptionArn: string) =>
  `${urls.endpoint}/_local/sns/unsubscribe?SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;

export const signingCertUrl = (urls: NotificationUrls) =>
  `${urls.endpoint}/_local/sns/SimpleNotificationService-local.pem`;

/** Message attributes as SNS writes them into notification JSON: `{ name: { Type, Value } }`. */
export function envelopeAttributes(attributes: Record<string, MessageAttributeValue>) {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      { Type: value.DataType, Value: value.StringValue ?? value.BinaryValue ?? '' },
    ]),
  );
}

/**
 * The JSON document SNS delivers to SQS, HTTP/S and email-json endpoints when raw delivery is off.
 * `Subject` and `MessageAttributes` appear only when present, as on AWS.
 */
export function notificationJson(
  message: PublishedMessage,
  subscription: Pick<Subscription, 'arn' | 'protocol'>,
  urls: NotificationUrls,
): string {
  const hasAttributes = Object.keys(message.attributes).length > 0;
  return JSON.stringify({
    Type: 'Notification',
    MessageId: message.messageId,
    TopicArn: message.topicArn,
    ...(message.subject !== undefined ? { Subject: message.subject } : {}),
    Message: messageFor(message, subscription.protocol),
    Timestamp: message.timestamp.toISOString(),
    SignatureVersion: '1',
    Signature: LOCAL_SIGNATURE,
    SigningCertURL: signingCertUrl(urls),
    UnsubscribeURL: unsubscribeUrl(urls, subscription.arn),
    ...(hasAttributes ? { MessageAttributes: envelopeAttributes(message.attributes) } : {}),
  });
}

/** The event a Lambda subscriber receives: one record with the `Sns` object (note the `…Url` spellings). */
export function lambdaEvent(message: PublishedMessage, subscription: Subscription, urls: NotificationUrls) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscription.arn,
        Sns: {
          Type: 'Notification',
          MessageId: message.messageId,
          TopicArn: message.topicArn,
          Subject: message.subject ?? null,
          Message: messageFor(message, 'lambda'),
          Timestamp: message.timestamp.toISOString(),
          SignatureVersion: '1',
          Signature: LOCAL_SIGNATURE,
          SigningCertUrl: signingCertUrl(urls),
          UnsubscribeUrl: unsubscribeUrl(urls, subscription.arn),
          MessageAttributes: envelopeAttributes(message.attributes),
        },
      },
    ],
  };
}

/** The body one subscription receives: the raw message or the notification JSON. */
export function deliveryBody(
  message: PublishedMessage,
  subscription: Subscription,
  urls: NotificationUrls,
): string {
  const protocol: DeliveryProtocol = subscription.protocol;
  return subscription.rawMessageDelivery
    ? messageFor(message, protocol)
    : notificationJson(message, subscription, urls);
}
