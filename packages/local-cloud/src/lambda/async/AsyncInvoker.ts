import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity } from '../../core/activity';
import type { LocalCloud } from '../../core/context';
import type { PendingWork } from '../../persistence/pendingWork';
import type { DeployedFunction } from '../invoke/DeployedFunction';
import type { Invocation } from '../invoke/runInvocation';
import type { EventInvokeConfig } from '../spec/FunctionSpec';
import {
  type InvocationCondition,
  invocationRecord,
  sendToDeadLetter,
  sendToDestination,
} from './destinations';

export interface AsyncInvokerDeps {
  ctx: LocalCloud;
  /** Runs one attempt, waiting for a free environment rather than throttling. */
  run(fn: DeployedFunction, requestId: string, payloadJson: string): Promise<Invocation>;
  eventInvokeConfig(fn: DeployedFunction): EventInvokeConfig;
  /**
   * Wait before retry n is `retryDelaysMs[n - 1]` (the last value repeats). Lambda waits one then two minutes;
   * locally the waits are short so failures reach their DLQ while someone is watching.
   */
  retryDelaysMs: readonly number[];
  /** Events accepted and not finished, kept across a crash (absent: in memory only). */
  pending?: PendingAsyncEvents;
}

/** An asynchronous event as it is saved: the function by name. */
export interface SavedAsyncEvent {
  functionName: string;
  payloadJson: string;
  receivedAt: number;
}

/** Attempts made so far on a saved event. */
export interface AsyncProgress {
  attempts: number;
}

export type PendingAsyncEvents = PendingWork<SavedAsyncEvent, AsyncProgress>;

interface Attempts {
  fn: DeployedFunction;
  requestId: string;
  payloadJson: string;
  receivedAt: number;
}

/**
 * Lambda's asynchronous invocation queue: runs each event after the caller has been answered, retries
 * function errors (MaximumRetryAttempts, MaximumEventAgeInSeconds), then sends a record to the on-success or
 * on-failure destination and the discarded event to the dead-letter queue.
 */
export class AsyncInvoker {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private moves = 0;

  constructor(private readonly deps: AsyncInvokerDeps) {}

  /** Queues one event (saved first when events are kept across a crash); returns its request id. */
  enqueue(fn: DeployedFunction, payloadJson: string): string {
    const requestId = randomUUID();
    this.metric(fn, 'AsyncEventsReceived', 1);
    const receivedAt = Date.now();
    this.deps.pending?.add(requestId, { functionName: fn.spec.name, payloadJson, receivedAt });
    this.start({ fn, requestId, payloadJson, receivedAt }, 0);
    return requestId;
  }

  /**
   * Takes up the events a crash interrupted, with their request id, age and the attempts already made (an attempt
   * the crash cut short runs again). Events of functions no longer deployed are dropped with a log line.
   */
  resume(lookup: (functionName: string) => DeployedFunction | undefined): number {
    let resumed = 0;
    for (const { id, item, progress } of this.deps.pending?.restored() ?? []) {
      const fn = lookup(item.functionName);
      if (!fn) {
        this.deps.ctx.log(
          `lambda: saved async event ${id} of ${item.functionName} dropped: no such function`,
        );
        this.deps.pending?.done(id);
        continue;
      }
      this.start(
        { fn, requestId: id, payloadJson: item.payloadJson, receivedAt: item.receivedAt },
        progress?.attempts ?? 0,
      );
      resumed++;
    }
    return resumed;
  }

  private start(attempts: Attempts, attemptsDone: number): void {
    const { fn, requestId } = attempts;
    this.moves += 1;
    const job = this.process(attempts, attemptsDone)
      .then(() => this.deps.pending?.done(requestId))
      .catch((error: unknown) => {
        if (!this.abort.signal.aborted)
          this.deps.ctx.log(`lambda: async event ${requestId} of ${fn.spec.name} lost: ${error}`);
      })
      .finally(() => {
        this.inFlight.delete(job);
        this.moves += 1;
      });
    this.inFlight.add(job);
  }

  /** Resolves once every queued event, including retries and destination deliveries, is done. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Events queued, running or waiting for a retry (with their destination deliveries). */
  activity(): Activity {
    const busy = this.inFlight.size > 0 ? [`lambda: ${this.inFlight.size} asynchronous event(s)`] : [];
    return { busy, moves: this.moves };
  }

  /** Drops the events still waiting for a retry. */
  stop(): void {
    this.abort.abort();
  }

  private async process(job: Attempts, attemptsDone: number): Promise<void> {
    await sleep(0, undefined, { signal: this.abort.signal });
    const config = this.deps.eventInvokeConfig(job.fn);
    if (job.fn.spec.reservedConcurrency === 0) return this.fail(job, config, 'RetriesExhausted', 0);
    if (attemptsDone > config.maximumRetryAttempts)
      return this.fail(job, config, 'RetriesExhausted', attemptsDone);
    for (let attempt = attemptsDone + 1; ; attempt += 1) {
      if (Date.now() - job.receivedAt > config.maximumEventAgeSeconds * 1000) {
        return this.fail(job, config, 'EventAgeExceeded', attempt - 1);
      }
      const invocation = await this.deps.run(job.fn, job.requestId, job.payloadJson);
      if (invocation.outcome.ok) return this.succeed(job, config, attempt, invocation);
      if (attempt > config.maximumRetryAttempts)
        return this.fail(job, config, 'RetriesExhausted', attempt, invocation);
      this.deps.pending?.progress(job.requestId, { attempts: attempt });
      await sleep(this.delay(attempt), undefined, { signal: this.abort.signal });
    }
  }

  private delay(attempt: number): number {
    const delays = this.deps.retryDelaysMs;
    return delays[Math.min(attempt, delays.length) - 1] ?? 0;
  }

  private async succeed(job: Attempts, config: EventInvokeConfig, attempts: number, invocation: Invocation) {
    if (!config.onSuccess) return;
    const record = this.record(job, 'Success', attempts, invocation);
    await this.deliver(job.fn, config.onSuccess, () =>
      sendToDestination(this.deps.ctx, config.onSuccess!, record),
    );
  }

  private async fail(
    job: Attempts,
    config: EventInvokeConfig,
    condition: InvocationCondition,
    attempts: number,
    last?: Invocation,
  ): Promise<void> {
    const { ctx } = this.deps;
    const deadLetter = job.fn.spec.deadLetterTargetArn;
    if (!config.onFailure && !deadLetter) this.metric(job.fn, 'AsyncEventsDropped', 1);
    if (config.onFailure) {
      const record = this.record(job, condition, attempts, last);
      await this.deliver(job.fn, config.onFailure, () => sendToDestination(ctx, config.onFailure!, record));
    }
    if (deadLetter) {
      const errorMessage = last && !last.outcome.ok ? last.outcome.errorMessage : condition;
      const event = { payloadJson: job.payloadJson, requestId: job.requestId, errorMessage };
      await this.deliver(
        job.fn,
        deadLetter,
        () => sendToDeadLetter(ctx, deadLetter, event),
        'DeadLetterErrors',
      );
    }
  }

  private record(job: Attempts, condition: InvocationCondition, attempts: number, last?: Invocation) {
    return invocationRecord({
      requestId: job.requestId,
      functionArn: job.fn.spec.arn,
      condition,
      approximateInvokeCount: attempts,
      requestPayload: JSON.parse(job.payloadJson),
      responsePayload: last ? JSON.parse(last.payloadJson) : undefined,
      functionError: last !== undefined && !last.outcome.ok,
    });
  }

  private async deliver(
    fn: DeployedFunction,
    target: string,
    send: () => Promise<void>,
    metric = 'DestinationDeliveryFailures',
  ) {
    try {
      // Lambda sends to destinations and dead-letter targets as the function's role.
      const iam = this.deps.ctx.iam;
      const role = iam?.functionRole(fn.spec.arn);
      const denial =
        role &&
        (await iam?.authorizeDelivery({
          principal: role,
          target,
          caller: `function ${fn.spec.name} ${metric === 'DeadLetterErrors' ? 'dead letters' : 'destination'} → ${target}`,
          payload: { Source: 'lambda', DetailType: 'Lambda Function Invocation Result' },
        }));
      if (denial) throw denial.error;
      await send();
    } catch (error) {
      this.metric(fn, metric, 1);
      this.deps.ctx.log(`lambda: ${fn.spec.name} could not deliver to ${target}: ${String(error)}`);
    }
  }

  private metric(fn: DeployedFunction, name: string, value: number): void {
    this.deps.ctx.metrics.put({
      namespace: 'AWS/Lambda',
      name,
      dimensions: { FunctionName: fn.spec.name },
      value,
      unit: 'Count',
      timestamp: new Date(),
    });
  }
}
