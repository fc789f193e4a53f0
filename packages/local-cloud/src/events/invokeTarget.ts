import type { LocalCloud } from '../core/context';
import type { BusEvent } from '../core/ports';
import { isoSeconds } from './clock';
import type { RuleRef, Target } from './model';
import { classifyTarget, type TargetKind } from './targetKinds';
import { targetInput } from './transform';

/** One event on its way to one target of one rule. */
export interface DeliveryJob {
  rule: RuleRef;
  target: Target;
  event: BusEvent;
  ingestionTime: Date;
}

/** A target answered with a failure (a function error, a rejected PutEvents entry…). */
export class TargetInvocationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TargetInvocationError';
  }
}

/** The target is of a kind the local cloud does not run (Kinesis, ECS, API destinations…). */
export class UnsupportedTargetError extends Error {
  constructor(kind: string) {
    super(`${kind} targets are not emulated by the local cloud`);
    this.name = 'UnsupportedTargetError';
  }
}

/** Sends the job's input to its target through the peer engine; rejects when the peer does. */
export async function invokeTarget(ctx: LocalCloud, job: DeliveryJob, hasBus: (arn: string) => boolean) {
  const target = classifyTarget(job.target.Arn);
  if ('unsupported' in target) throw new UnsupportedTargetError(target.unsupported);
  // Without IAM (small test clouds) the target is reached in the same turn, as before.
  if (ctx.iam) await authorizeDelivery(ctx, job, target.kind);
  if (target.kind === 'event-bus') return forwardToBus(ctx, target.ref, job.event, hasBus);
  const input = targetInput(job.target, {
    event: job.event,
    ruleArn: job.rule.arn,
    ruleName: job.rule.name,
    ingestionTime: isoSeconds(job.ingestionTime),
  });
  switch (target.kind) {
    case 'lambda':
      return invokeFunction(ctx, target.ref, input);
    case 'sqs':
      await ctx.sqs.send(target.ref, { body: input, groupId: job.target.SqsParameters?.MessageGroupId });
      return;
    case 'sns':
      await ctx.sns.publish(target.ref, { message: input });
      return;
    case 'states':
      await ctx.sfn.startExecution(target.ref, input);
      return;
    case 'logs':
      ctx.logs.write(target.ref, input, { source: `events rule ${job.rule.name}` });
      return;
  }
}

/**
 * EventBridge delivers as the target's role when it has one (Step Functions, other buses), otherwise as
 * `events.amazonaws.com` with the rule as `aws:SourceArn`, which the queue's, topic's or function's resource
 * policy must allow; to a log group always as `events.amazonaws.com` (a role is not used for CloudWatch Logs), which
 * the account's CloudWatch Logs resource policies must allow to create a log stream (locally named after the
 * event's id) and put the event in it. A refusal is not retried: the event goes to the target's DLQ with ERROR_CODE
 * NO_PERMISSIONS, as on AWS.
 */
async function authorizeDelivery(ctx: LocalCloud, job: DeliveryJob, kind: TargetKind): Promise<void> {
  const denial = await ctx.iam?.authorizeDelivery({
    principal: (kind !== 'logs' && job.target.RoleArn) || 'events.amazonaws.com',
    target: job.target.Arn,
    source: job.rule.arn,
    caller: `rule ${job.rule.arn} → ${job.target.Arn}`,
    payload: { Source: job.event.source, DetailType: job.event['detail-type'] },
    stream: job.event.id,
  });
  if (denial) throw new TargetInvocationError(denial.error.code, denial.error.message);
}

async function invokeFunction(ctx: LocalCloud, ref: string, input: string): Promise<void> {
  const outcome = await ctx.lambda.invoke(ref, parseOrText(input), { async: true });
  if (!outcome.ok) throw new TargetInvocationError(outcome.errorType, outcome.errorMessage);
}

/** Bus-to-bus delivery puts the same event (source, detail-type, detail, resources, time) on the other bus. */
async function forwardToBus(ctx: LocalCloud, arn: string, event: BusEvent, hasBus: (arn: string) => boolean) {
  if (!hasBus(arn))
    throw new TargetInvocationError('ResourceNotFoundException', `Event bus ${arn} does not exist.`);
  const result = await ctx.events.putEvents([
    {
      EventBusName: arn,
      Source: event.source,
      DetailType: event['detail-type'],
      Detail: JSON.stringify(event.detail),
      Resources: event.resources,
      Time: event.time,
    },
  ]);
  const entry = result.Entries[0];
  if (result.FailedEntryCount > 0 && entry && 'ErrorCode' in entry) {
    throw new TargetInvocationError(entry.ErrorCode, entry.ErrorMessage);
  }
}

function parseOrText(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}
