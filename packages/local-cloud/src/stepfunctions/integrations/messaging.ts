import { createHash } from 'node:crypto';
import type { MessageAttributeValue, PutEventsEntry } from '../../core/ports';
import { serviceTaskError, TaskFailedError } from '../taskError';
import type { Integration } from './types';

/** Step Functions serialises object-valued Detail / Message / MessageBody fields as JSON. */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value ?? null);

/** `arn:aws:states:::events:putEvents`; any failed entry fails the task with `EventBridge.FailedEntry`. */
export const eventsPutEvents: Integration = async (parameters, { ctx }) => {
  const entries = ((parameters.Entries as Record<string, unknown>[] | undefined) ?? []).map(
    (entry): PutEventsEntry => ({
      ...entry,
      Detail: entry.Detail === undefined ? undefined : asText(entry.Detail),
    }),
  );
  let result: Awaited<ReturnType<typeof ctx.events.putEvents>>;
  try {
    result = await ctx.events.putEvents(entries);
  } catch (error) {
    throw serviceTaskError('EventBridge', error);
  }
  if (result.FailedEntryCount > 0)
    throw new TaskFailedError('EventBridge.FailedEntry', JSON.stringify(result));
  return result;
};

/** `arn:aws:states:::sns:publish`. */
export const snsPublish: Integration = async (parameters, { ctx }) => {
  const topicArn = String(parameters.TopicArn ?? parameters.TargetArn ?? '');
  try {
    const { messageId } = await ctx.sns.publish(topicArn, {
      message: asText(parameters.Message),
      subject: parameters.Subject as string | undefined,
      attributes: parameters.MessageAttributes as Record<string, MessageAttributeValue> | undefined,
    });
    return { MessageId: messageId };
  } catch (error) {
    throw serviceTaskError('SNS', error);
  }
};

/** `arn:aws:states:::sqs:sendMessage`. */
export const sqsSendMessage: Integration = async (parameters, { ctx }) => {
  const body = asText(parameters.MessageBody);
  try {
    const { messageId } = await ctx.sqs.send(String(parameters.QueueUrl ?? ''), {
      body,
      attributes: parameters.MessageAttributes as Record<string, MessageAttributeValue> | undefined,
      delaySeconds: parameters.DelaySeconds as number | undefined,
      groupId: parameters.MessageGroupId as string | undefined,
      deduplicationId: parameters.MessageDeduplicationId as string | undefined,
    });
    return { MessageId: messageId, MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
  } catch (error) {
    throw serviceTaskError('SQS', error);
  }
};
