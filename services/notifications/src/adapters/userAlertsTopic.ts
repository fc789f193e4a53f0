import {
  type MessageAttributeValue,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { type Alert, alertPayload } from '../domain/alert';
import { filterPolicyOf } from '../domain/preferences';
import type { PublishUserAlert, SubscriptionManager } from '../ports';

export interface UserAlertsTopicConfig {
  topicArn: string;
}

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

/** What SQS subscribers (the webhook queue) receive: the alert as JSON, with its owner. */
export const topicMessage = (alert: Alert) => ({
  ...alertPayload(alert),
  userId: alert.userId,
  sourceEventId: alert.sourceEventId,
});

/** The e-mail text of an alert. */
export const emailMessage = (alert: Alert) =>
  `${alert.title}\n\n${alert.message}\n\nSeverity: ${alert.severity}\nWhen: ${alert.occurredAt}\n\n` +
  'You receive this because of your Spendwise notification preferences.';

/** SNS subjects are at most 100 printable ASCII characters, without line breaks. */
export const subjectOf = (title: string) => title.replace(/[^\x20-\x7e]/g, ' ').slice(0, 100);

// SNS answers NotFound for a subscription that no longer exists: "already gone". Any other error (e.g.
// InvalidParameter) is not taken as gone, so a recorded subscription is never forgotten by mistake.
const alreadyGone = (error: unknown) =>
  ['NotFoundException', 'NotFound'].includes((error as Error)?.name ?? '');

/**
 * The user-alerts topic: publishing alerts (MessageStructure json: text for e-mail, JSON for everything else)
 * with the userId / type / severity attributes subscriptions filter on, and managing users' e-mail
 * subscriptions with a filter policy on those attributes.
 */
export function buildUserAlertsTopic(client: SNSClient, config: UserAlertsTopicConfig) {
  const { topicArn } = config;

  const publishUserAlert: PublishUserAlert = async (alert, channels) => {
    const json = JSON.stringify(topicMessage(alert));
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: subjectOf(alert.title),
        MessageStructure: 'json',
        Message: JSON.stringify({ default: json, email: emailMessage(alert), sqs: json }),
        MessageAttributes: {
          userId: text(alert.userId),
          type: text(alert.type),
          severity: text(alert.severity),
          // Only alerts bound for the user's webhook match the webhook queue's subscription.
          ...(channels.webhook ? { webhook: text('yes') } : {}),
        },
      }),
    );
  };

  const subscriptions: SubscriptionManager = {
    subscribe: async (userId, email, types) => {
      const { SubscriptionArn } = await client.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'email',
          Endpoint: email,
          // Without it SNS answers "pending confirmation" instead of an ARN we can later change or remove.
          ReturnSubscriptionArn: true,
          Attributes: {
            FilterPolicyScope: 'MessageAttributes',
            FilterPolicy: JSON.stringify(filterPolicyOf(userId, types)),
          },
        }),
      );
      if (!SubscriptionArn) throw new Error('SNS returned no subscription ARN');
      return SubscriptionArn;
    },
    setFilter: async (arn, userId, types) => {
      await client.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: arn,
          AttributeName: 'FilterPolicy',
          AttributeValue: JSON.stringify(filterPolicyOf(userId, types)),
        }),
      );
    },
    unsubscribe: async (arn) => {
      try {
        await client.send(new UnsubscribeCommand({ SubscriptionArn: arn }));
      } catch (error) {
        if (!alreadyGone(error)) throw error;
      }
    },
  };

  return { publishUserAlert, subscriptions };
}
