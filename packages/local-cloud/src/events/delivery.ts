import { randomUUID } from 'node:crypto';
import type { Activity } from '../core/activity';
import type { LocalCloud } from '../core/context';
import type { MessageAttributeValue } from '../core/ports';
import type { PendingWork } from '../persistence/pendingWork';
import type { Scheduler } from './clock';
import { type DeliveryJob, invokeTarget, UnsupportedTargetError } from './invokeTarget';
import { countRuleMetric } from './metrics';
import { type ExhaustedCondition, nextRetry, type RetryTiming } from './retry';

export interface DeliveryOptions {
  now: () => Date;
  schedule: Scheduler;
  timing: RetryTiming;
  hasBus: (arn: string) => boolean;
  /** Deliveries not finished yet, kept across a crash (absent: in memory only). */
  pending?: PendingDeliveries;
}

/** A delivery job as it is saved: the ingestion time as ISO text. */
export type SavedDeliveryJob = Omit<DeliveryJob, 'ingestionTime'> & { ingestionTime: string };

/** How far a saved delivery got: retries done and AWS time spent on them. */
export interface DeliveryProgress {
  retries: number;
  elapsedMs: number;
}

export type PendingDeliveries = PendingWork<SavedDeliveryJob, DeliveryProgress>;

/** Why a delivery failed, with the ERROR_CODE a dead-letter message carries. */
export interface DeliveryFailure {
  code: string;
  message: string;
  retryable: boolean;
}

/**
 * Missing targets, refused permissions and unsupported kinds are not retried (AWS sends "target resource no
 * longer exists" and NO_PERMISSIONS failures straight to the DLQ); throttling and other errors are.
 */
export function describeFailure(error: unknown): DeliveryFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UnsupportedTargetError)
    return { code: 'UNSUPPORTED_TARGET', message, retryable: false };
  const code = String((error as { code?: unknown })?.code ?? (error as Error)?.name ?? 'Error');
  if (/^(AccessDenied|AccessDeniedException|AuthorizationError)$/.test(code))
    return { code: 'NO_PERMISSIONS', message, retryable: false };
  if (/NotFound|DoesNotExist|NonExistent/i.test(code))
    return { code: 'RESOURCE_NOT_FOUND', message, retryable: false };
  if (/Throttl|TooManyRequests/i.test(code)) return { code: 'THROTTLING', message, retryable: true };
  return { code: 'SDK_CLIENT_ERROR', message: `${code}: ${message}`, retryable: true };
}

/**
 * Delivers events to targets without holding up PutEvents: retries with backoff within the target's RetryPolicy,
 * then sends the event to the target's dead-letter queue, or drops it with a logged line when there is none.
 */
export class TargetDelivery {
  private readonly inFlight = new Set<Promise<void>>();
  /** Retries scheduled and not yet started. */
  private waiting = 0;
  /** Attempts started and ended, retries scheduled. */
  private moves = 0;

  constructor(
    private readonly ctx: LocalCloud,
    private readonly options: DeliveryOptions,
  ) {}

  /** Starts delivering; returns at once (with the job saved first when deliveries are kept across a crash). */
  deliver(job: DeliveryJob): void {
    const id = randomUUID();
    this.options.pending?.add(id, { ...job, ingestionTime: job.ingestionTime.toISOString() });
    this.track(this.attempt(job, 0, 0, id));
  }

  /**
   * Takes up the deliveries a crash interrupted (first attempt or a retry waiting), where they were: an event may
   * reach its target twice (at least once, as on AWS). Returns how many were resumed.
   */
  resume(): number {
    const saved = this.options.pending?.restored() ?? [];
    for (const { id, item, progress } of saved) {
      const job: DeliveryJob = { ...item, ingestionTime: new Date(item.ingestionTime) };
      this.track(this.attempt(job, progress?.retries ?? 0, progress?.elapsedMs ?? 0, id));
    }
    return saved.length;
  }

  /**
   * Resolves once no delivery attempt is running (retries waiting on the scheduler are not running; they
   * show in `activity()`).
   */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Attempts running and retries waiting for their time: both are deliveries not yet done. */
  activity(): Activity {
    const busy = [
      ...(this.inFlight.size > 0 ? [`events: ${this.inFlight.size} delivery attempt(s) running`] : []),
      ...(this.waiting > 0 ? [`events: ${this.waiting} delivery retry(ies) waiting`] : []),
    ];
    return { busy, moves: this.moves };
  }

  private track(attempt: Promise<void>): void {
    this.moves += 1;
    this.inFlight.add(attempt);
    void attempt.finally(() => {
      this.inFlight.delete(attempt);
      this.moves += 1;
    });
  }

  private async attempt(job: DeliveryJob, retriesDone: number, elapsedMs: number, id: string): Promise<void> {
    try {
      await invokeTarget(this.ctx, job, this.options.hasBus);
      countRuleMetric(this.ctx, job.rule, 'Invocations', this.options.now());
      this.options.pending?.done(id);
    } catch (error) {
      await this.failed(job, describeFailure(error), retriesDone, elapsedMs, id).catch((fault: unknown) =>
        this.ctx.log(`events: failure handling for rule ${job.rule.name} failed: ${String(fault)}`),
      );
    }
  }

  private async failed(
    job: DeliveryJob,
    failure: DeliveryFailure,
    retriesDone: number,
    elapsedMs: number,
    id: string,
  ) {
    const step = failure.retryable
      ? nextRetry(job.target.RetryPolicy, retriesDone, elapsedMs, this.options.timing)
      : undefined;
    if (step && 'retryAfterMs' in step) {
      const progress = { retries: retriesDone + 1, elapsedMs: elapsedMs + step.retryAfterMs };
      this.options.pending?.progress(id, progress);
      const retry = () => {
        this.waiting -= 1;
        this.track(this.attempt(job, progress.retries, progress.elapsedMs, id));
      };
      this.waiting += 1;
      this.moves += 1;
      this.options.schedule(retry, step.retryAfterMs * this.options.timing.scale);
      return;
    }
    const now = this.options.now();
    countRuleMetric(this.ctx, job.rule, 'Invocations', now);
    countRuleMetric(this.ctx, job.rule, 'FailedInvocations', now);
    await this.deadLetter(job, failure, retriesDone, step?.exhausted);
    this.options.pending?.done(id);
  }

  private async deadLetter(
    job: DeliveryJob,
    failure: DeliveryFailure,
    retries: number,
    exhausted?: ExhaustedCondition,
  ) {
    const dlq = job.target.DeadLetterConfig?.Arn;
    const what = `event ${job.event.id} for target ${job.target.Id} of rule ${job.rule.name} after ${retries} retries (${failure.code}: ${failure.message})`;
    if (!dlq) {
      this.ctx.log(`events: dropped ${what}; the target has no dead-letter queue`);
      return;
    }
    try {
      const denial = await this.ctx.iam?.authorizeDelivery({
        principal: 'events.amazonaws.com',
        target: dlq,
        source: job.rule.arn,
        caller: `rule ${job.rule.arn} dead letters → ${dlq}`,
      });
      if (denial) throw denial.error;
      await this.ctx.sqs.send(dlq, {
        body: JSON.stringify(job.event),
        attributes: dlqAttributes(job, failure, retries, exhausted),
      });
      countRuleMetric(this.ctx, job.rule, 'InvocationsSentToDlq', this.options.now());
    } catch (error) {
      countRuleMetric(this.ctx, job.rule, 'InvocationsFailedToBeSentToDlq', this.options.now());
      this.ctx.log(`events: could not send ${what} to dead-letter queue ${dlq}: ${String(error)}`);
    }
  }
}

/** The message attributes EventBridge puts on a dead-lettered event. */
export function dlqAttributes(
  job: DeliveryJob,
  failure: DeliveryFailure,
  retries: number,
  exhausted?: ExhaustedCondition,
): Record<string, MessageAttributeValue> {
  const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  return {
    RULE_ARN: text(job.rule.arn),
    TARGET_ARN: text(job.target.Arn),
    ERROR_CODE: text(failure.code),
    ERROR_MESSAGE: text(failure.message),
    RETRY_ATTEMPTS: text(String(retries)),
    ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: text(exhausted) } : {}),
  };
}
