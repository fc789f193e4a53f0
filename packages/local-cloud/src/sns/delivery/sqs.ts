import type { MessageAttributeValue } from '../../core/ports';
import { messageFor } from '../model';
import { deliveryBody } from '../notification';
import type { Deliver } from './types';

/** SQS accepts at most 10 message attributes; SNS drops raw delivery attributes beyond that. */
const SQS_ATTRIBUTE_LIMIT = 10;

const rawAttributes = (attributes: Record<string, MessageAttributeValue>) =>
  Object.fromEntries(Object.entries(attributes).slice(0, SQS_ATTRIBUTE_LIMIT));

/**
 * Sends to the subscribed queue: the notification JSON, or (raw delivery) the message itself with its
 * attributes as SQS message attributes.
 */
export const deliverToSqs: Deliver = async (message, subscription, env) => {
  if (subscription.rawMessageDelivery) {
    const attributes = rawAttributes(message.attributes);
    await env.ctx.sqs.send(subscription.endpoint, {
      body: messageFor(message, 'sqs'),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    });
    return;
  }
  await env.ctx.sqs.send(subscription.endpoint, { body: deliveryBody(message, subscription, env.urls) });
};
