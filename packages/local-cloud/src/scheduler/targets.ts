import { parseArn } from '../core/arn';
import type { LocalCloud } from '../core/context';

/** A schedule's Target as CloudFormation declares it (the schedule delivers as its RoleArn). */
export interface ScheduleTarget {
  Arn: string;
  Input?: string;
  RoleArn?: string;
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  SqsParameters?: { MessageGroupId?: string };
  EventBridgeParameters?: { DetailType?: string; Source?: string };
  [other: string]: unknown;
}

/** What a delivery knows about its firing, for `<aws.scheduler.*>` context attributes. */
export interface FiringContext {
  scheduleArn: string;
  scheduledTime: Date;
  executionId: string;
  attempt: number;
}

/** A target the local cloud cannot deliver to. */
export class UnsupportedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTargetError';
  }
}

/** The schedule's role may not call its target: not retried, straight to the dead-letter queue, as on AWS. */
export class TargetAccessDeniedError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

/** Target services delivered locally (templated targets). */
export const TEMPLATED_TARGETS = ['lambda', 'sqs', 'states', 'sns', 'events'] as const;

/** Why a target ARN cannot be delivered to, or undefined when it can. */
export function unsupportedTarget(arn: string): string | undefined {
  if (arn.startsWith('arn:aws:scheduler:::aws-sdk:'))
    return `universal target ${arn.slice(26)} is not emulated locally`;
  const service = parseArn(arn)?.service ?? '';
  return (TEMPLATED_TARGETS as readonly string[]).includes(service)
    ? undefined
    : `target service '${service || arn}' is not emulated locally`;
}

/** Replaces `<aws.scheduler.*>` context attributes in the input, as EventBridge Scheduler does. */
export function renderInput(input: string | undefined, firing: FiringContext): string {
  return (input ?? '{}')
    .replaceAll('<aws.scheduler.schedule-arn>', firing.scheduleArn)
    .replaceAll(
      '<aws.scheduler.scheduled-time>',
      firing.scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    )
    .replaceAll('<aws.scheduler.execution-id>', firing.executionId)
    .replaceAll('<aws.scheduler.attempt-number>', String(firing.attempt));
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Delivers one firing to its target through the local cloud's engines; throws when delivery fails. */
export async function deliver(ctx: LocalCloud, target: ScheduleTarget, firing: FiringContext): Promise<void> {
  const reason = unsupportedTarget(target.Arn);
  if (reason) throw new UnsupportedTargetError(reason);
  if (target.RoleArn) {
    const denial = await ctx.iam?.authorizeDelivery({
      principal: target.RoleArn,
      target: target.Arn,
      caller: `schedule ${firing.scheduleArn} → ${target.Arn}`,
      payload: {
        Source: target.EventBridgeParameters?.Source,
        DetailType: target.EventBridgeParameters?.DetailType,
      },
    });
    if (denial) throw new TargetAccessDeniedError(denial.error.code, denial.error.message);
  }
  const input = renderInput(target.Input, firing);
  switch (parseArn(target.Arn)!.service) {
    case 'lambda': {
      const outcome = await ctx.lambda.invoke(target.Arn, parsed(input), { async: true });
      if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
      return;
    }
    case 'sqs':
      await ctx.sqs.send(target.Arn, { body: input, groupId: target.SqsParameters?.MessageGroupId });
      return;
    case 'states':
      await ctx.sfn.startExecution(target.Arn, input);
      return;
    case 'sns':
      await ctx.sns.publish(target.Arn, { message: input });
      return;
    default:
      return putEvent(ctx, target, input);
  }
}

async function putEvent(ctx: LocalCloud, target: ScheduleTarget, input: string): Promise<void> {
  const result = await ctx.events.putEvents([
    {
      EventBusName: target.Arn,
      Source: target.EventBridgeParameters?.Source,
      DetailType: target.EventBridgeParameters?.DetailType,
      Detail: input,
    },
  ]);
  if (result.FailedEntryCount > 0) throw new Error(`PutEvents failed: ${JSON.stringify(result.Entries)}`);
}
