import { AwsApiError } from '../core/errors';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import { invalidParameter } from './errors';
import type { Subscription, Topic } from './model';
import type { PublishInput } from './publishInput';
import {
  attributeMap,
  el,
  indexed,
  messageAttributes,
  page,
  required,
  tagMap,
  xmlAnswer,
  xmlAttributes,
} from './queryWire';
import type { SnsRegistry } from './registry';
import { SETTABLE_ATTRIBUTES } from './subscriptionAttributes';

/** What the SNS API needs from the engine. */
export interface SnsBackend {
  readonly registry: SnsRegistry;
  readonly accountId: string;
  publish(input: PublishInput): { messageId: string };
  subscribed(subscription: Subscription, topic: Topic): void;
}

type Action = (form: URLSearchParams, backend: SnsBackend) => AwsResponse;

const topicAttributes = (topic: Topic, backend: SnsBackend): Record<string, string> => {
  const subscriptions = backend.registry.subscriptionsOf(topic.arn);
  return {
    TopicArn: topic.arn,
    Owner: backend.accountId,
    DisplayName: '',
    SubscriptionsConfirmed: String(subscriptions.length),
    SubscriptionsPending: '0',
    SubscriptionsDeleted: '0',
    ...topic.attributes,
  };
};

const subscriptionAttributes = (s: Subscription, backend: SnsBackend): Record<string, string> => ({
  SubscriptionArn: s.arn,
  TopicArn: s.topicArn,
  Protocol: s.protocol,
  Endpoint: s.endpoint,
  Owner: backend.accountId,
  PendingConfirmation: 'false',
  ConfirmationWasAuthenticated: 'true',
  RawMessageDelivery: String(s.rawMessageDelivery),
  FilterPolicyScope: s.filterPolicyScope,
  ...(s.filterPolicy !== undefined ? { FilterPolicy: JSON.stringify(s.filterPolicy) } : {}),
  ...(s.deadLetterTargetArn
    ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: s.deadLetterTargetArn }) }
    : {}),
  ...s.extra,
});

const subscriptionMember = (s: Subscription, backend: SnsBackend) =>
  `<member>${el('TopicArn', s.topicArn)}${el('Protocol', s.protocol)}${el('SubscriptionArn', s.arn)}` +
  `${el('Owner', backend.accountId)}${el('Endpoint', s.endpoint)}</member>`;

const listSubscriptions = (
  action: string,
  items: Subscription[],
  form: URLSearchParams,
  backend: SnsBackend,
) => {
  const { items: shown, next } = page(items, form.get('NextToken'), 100);
  const members = shown.map((s) => subscriptionMember(s, backend)).join('');
  return xmlAnswer(action, `<Subscriptions>${members}</Subscriptions>${next ? el('NextToken', next) : ''}`);
};

/** The topic a Publish names (TopicArn or TargetArn); SMS and mobile push are not emulated. */
function publishTarget(form: URLSearchParams): string {
  const arn = form.get('TopicArn') || form.get('TargetArn');
  if (arn) return arn;
  if (form.get('PhoneNumber')) throw invalidParameter('PhoneNumber: SMS is not emulated by the local cloud');
  throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
}

const publishInput = (topicArn: string, fields: URLSearchParams): PublishInput => ({
  topicArn,
  message: fields.get('Message') ?? '',
  ...(fields.get('Subject') !== null ? { subject: fields.get('Subject') as string } : {}),
  ...(fields.get('MessageStructure') ? { messageStructure: fields.get('MessageStructure') as string } : {}),
  attributes: messageAttributes(fields),
});

/** Runs each entry on its own: one bad entry fails alone, as PublishBatch reports per entry. */
function publishBatch(form: URLSearchParams, backend: SnsBackend): AwsResponse {
  const topicArn = required(form, 'TopicArn');
  backend.registry.topic(topicArn);
  const entries = indexed(form, 'PublishBatchRequestEntries.member').map((f) => new URLSearchParams([...f]));
  if (entries.length === 0)
    throw new AwsApiError(400, 'EmptyBatchRequest', 'The batch request does not contain any entries');
  if (entries.length > 10)
    throw new AwsApiError(
      400,
      'TooManyEntriesInBatchRequest',
      'The batch request contains more entries than permissible',
    );
  const ids = entries.map((e) => e.get('Id') ?? '');
  if (new Set(ids).size !== ids.length)
    throw new AwsApiError(
      400,
      'BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id',
    );
  const ok: string[] = [];
  const failed: string[] = [];
  entries.forEach((entry, i) => {
    try {
      const { messageId } = backend.publish(publishInput(topicArn, entry));
      ok.push(`<member>${el('Id', ids[i] ?? '')}${el('MessageId', messageId)}</member>`);
    } catch (error) {
      if (!(error instanceof AwsApiError)) throw error;
      failed.push(
        `<member>${el('Id', ids[i] ?? '')}${el('Code', error.code)}${el('Message', error.message)}${el('SenderFault', true)}</member>`,
      );
    }
  });
  return xmlAnswer(
    'PublishBatch',
    `<Successful>${ok.join('')}</Successful><Failed>${failed.join('')}</Failed>`,
  );
}

function subscribe(form: URLSearchParams, backend: SnsBackend): AwsResponse {
  const topic = backend.registry.topic(required(form, 'TopicArn'));
  const attributes = attributeMap(form);
  const unknown = Object.keys(attributes).filter(
    (k) => !(SETTABLE_ATTRIBUTES as readonly string[]).includes(k),
  );
  if (unknown.length) throw invalidParameter(`Attributes Reason: Unknown attribute ${unknown.join(', ')}`);
  const subscription = backend.registry.subscribe(
    topic.arn,
    required(form, 'Protocol'),
    required(form, 'Endpoint'),
    attributes,
  );
  if (attributes.DeliveryPolicy)
    backend.registry.updateSubscription(subscription.arn, {}, { DeliveryPolicy: attributes.DeliveryPolicy });
  backend.subscribed(subscription, topic);
  return xmlAnswer('Subscribe', el('SubscriptionArn', subscription.arn));
}

function setSubscriptionAttributes(form: URLSearchParams, backend: SnsBackend): AwsResponse {
  const arn = required(form, 'SubscriptionArn');
  const name = required(form, 'AttributeName');
  const value = form.get('AttributeValue') ?? '';
  if (!(SETTABLE_ATTRIBUTES as readonly string[]).includes(name)) throw invalidParameter(`AttributeName`);
  if (name === 'DeliveryPolicy') backend.registry.updateSubscription(arn, {}, { DeliveryPolicy: value });
  else backend.registry.updateSubscription(arn, { [name]: value });
  return xmlAnswer('SetSubscriptionAttributes');
}

const ACTIONS: Record<string, Action> = {
  CreateTopic: (form, backend) => {
    const attributes = attributeMap(form);
    const topic = backend.registry.createTopic(required(form, 'Name'), attributes, tagMap(form));
    return xmlAnswer('CreateTopic', el('TopicArn', topic.arn));
  },
  DeleteTopic: (form, backend) => {
    backend.registry.deleteTopic(required(form, 'TopicArn'));
    return xmlAnswer('DeleteTopic');
  },
  ListTopics: (form, backend) => {
    const { items, next } = page(backend.registry.topics(), form.get('NextToken'), 100);
    const members = items.map((t) => `<member>${el('TopicArn', t.arn)}</member>`).join('');
    return xmlAnswer('ListTopics', `<Topics>${members}</Topics>${next ? el('NextToken', next) : ''}`);
  },
  GetTopicAttributes: (form, backend) => {
    const topic = backend.registry.topic(required(form, 'TopicArn'));
    return xmlAnswer('GetTopicAttributes', xmlAttributes(topicAttributes(topic, backend)));
  },
  SetTopicAttributes: (form, backend) => {
    const topic = backend.registry.topic(required(form, 'TopicArn'));
    topic.attributes[required(form, 'AttributeName')] = form.get('AttributeValue') ?? '';
    return xmlAnswer('SetTopicAttributes');
  },
  Subscribe: subscribe,
  Unsubscribe: (form, backend) => {
    backend.registry.subscription(required(form, 'SubscriptionArn'));
    backend.registry.unsubscribe(required(form, 'SubscriptionArn'));
    return xmlAnswer('Unsubscribe');
  },
  ListSubscriptions: (form, backend) =>
    listSubscriptions('ListSubscriptions', backend.registry.subscriptions(), form, backend),
  ListSubscriptionsByTopic: (form, backend) => {
    const topic = backend.registry.topic(required(form, 'TopicArn'));
    return listSubscriptions(
      'ListSubscriptionsByTopic',
      backend.registry.subscriptionsOf(topic.arn),
      form,
      backend,
    );
  },
  GetSubscriptionAttributes: (form, backend) => {
    const subscription = backend.registry.subscription(required(form, 'SubscriptionArn'));
    return xmlAnswer(
      'GetSubscriptionAttributes',
      xmlAttributes(subscriptionAttributes(subscription, backend)),
    );
  },
  SetSubscriptionAttributes: setSubscriptionAttributes,
  Publish: (form, backend) => {
    const { messageId } = backend.publish(publishInput(publishTarget(form), form));
    return xmlAnswer('Publish', el('MessageId', messageId));
  },
  PublishBatch: publishBatch,
};

/** The SNS query API on the shared endpoint. */
export function snsApi(backend: SnsBackend): AwsApi {
  return {
    services: ['sns'],
    async handle(request: AwsRequest): Promise<AwsResponse> {
      const action = Object.hasOwn(ACTIONS, request.action) ? ACTIONS[request.action] : undefined;
      if (!action)
        throw new AwsApiError(
          400,
          'InvalidAction',
          `The action ${request.action} is not valid for this endpoint.`,
        );
      return action(request.form ?? new URLSearchParams(), backend);
    },
  };
}
