import type { SQSRecord } from 'aws-lambda';
import type { LocalCloud } from '../../core/context';
import { filterCriteriaMatch } from '../../patterns';
import type { StoredMessage } from '../message';
import { receiveMessages } from '../messaging';
import type { SqsQueue } from '../queue';
import type { QueueRegistry } from '../registry';
import { type BatchOutcome, batchOutcome } from './batchOutcome';
import { sqsRecord } from './lambdaEvent';

/** An SQS event source mapping as the poller runs it. */
export interface SqsMapping {
  uuid: string;
  functionRef: string;
  queueArn: string;
  /** Up to 10,000; receives are made 10 at a time. */
  batchSize: number;
  batchingWindowSeconds: number;
  /** Parallel batches (ScalingConfig.MaximumConcurrency, or the default). */
  concurrency: number;
  filters?: { Pattern: string }[];
  reportBatchItemFailures: boolean;
  enabled: boolean;
}

/** What one poll did: which messages were filtered out (deleted), invoked, deleted after the call, and kept. */
export interface PollResult extends BatchOutcome {
  filteredIds: string[];
  invoked: boolean;
}

// Lambda long-polls with the maximum wait so an idle queue costs nothing.
const LONG_POLL_SECONDS = 20;

/**
 * Runs one SQS event source mapping: `concurrency` loops, each receiving a batch (filling it during the
 * batching window), deleting the messages FilterCriteria rejects, invoking the function and deleting what
 * the outcome allows.
 */
export class SqsPoller {
  private controller = new AbortController();
  private loops: Promise<void>[] = [];
  private lastFailure?: string;

  constructor(
    readonly mapping: SqsMapping,
    private readonly registry: QueueRegistry,
    private readonly ctx: LocalCloud,
  ) {}

  /** Starts the loops (nothing when the mapping is disabled). */
  start(): void {
    if (!this.mapping.enabled || this.loops.length > 0) return;
    this.controller = new AbortController();
    for (let i = 0; i < this.mapping.concurrency; i++) this.loops.push(this.loop(this.controller.signal));
  }

  /** Stops polling; resolves once in-flight batches have finished. */
  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const queue = this.registry.resolve(this.mapping.queueArn);
        if (!queue) {
          await this.registry.clock.sleep(1000, signal);
          continue;
        }
        await this.pollOnce(queue, signal);
        this.lastFailure = undefined;
      } catch (error) {
        // Once per cause: a denied poll fails every second until the role allows it.
        const message = (error as Error).message;
        if (message !== this.lastFailure)
          this.ctx.log(`sqs: event source mapping ${this.mapping.uuid} poll failed: ${message}`);
        this.lastFailure = message;
        await this.registry.clock.sleep(1000, signal);
      }
    }
  }

  /** One receive → filter → invoke → delete cycle; undefined when nothing arrived. */
  async pollOnce(queue: SqsQueue, signal?: AbortSignal): Promise<PollResult | undefined> {
    await this.authorize();
    const messages = await this.collect(queue, signal);
    if (messages.length === 0) return undefined;
    // A long poll may have begun before the deployment's policies were known: asked again, and on a denial
    // what it received goes back to the queue at once.
    await this.authorize().catch((error: unknown) => {
      const now = this.registry.clock.now();
      for (const message of messages) queue.changeVisibility(message.receiptHandle, 0, now);
      throw error;
    });
    const records = messages.map((m) => sqsRecord(m, queue.arn, this.ctx.config.region));
    const passing = records.filter((record) => filterCriteriaMatch(this.mapping.filters, record));
    const filteredIds = records.filter((r) => !passing.includes(r)).map((r) => r.messageId);
    this.deleteAll(queue, records, filteredIds);
    if (passing.length === 0) return { filteredIds, invoked: false, deleteIds: [], failedIds: [] };
    const outcome = await this.invoke(passing);
    const verdict = batchOutcome(
      outcome,
      this.mapping.reportBatchItemFailures,
      passing.map((r) => r.messageId),
    );
    this.deleteAll(queue, passing, verdict.deleteIds);
    if (verdict.failure)
      this.ctx.log(
        `sqs: ${this.mapping.functionRef} failed a batch of ${passing.length}: ${verdict.failure}`,
      );
    return { ...verdict, filteredIds, invoked: true };
  }

  /**
   * Lambda polls as the function's role: without sqs:ReceiveMessage (or DeleteMessage, GetQueueAttributes) on
   * the queue the mapping receives nothing and its messages stay in the queue. A mapping whose role lacks them is
   * refused at deployment (`IamEnforcement.checkCreation`, as Lambda does); this check of each poll is for a
   * permission that went away afterwards (the poll fails, with the denial printed and listed by `iam denials`).
   */
  private async authorize(): Promise<void> {
    const denial = await this.ctx.iam?.authorizeEventSource({
      functionRef: this.mapping.functionRef,
      sourceArn: this.mapping.queueArn,
    });
    if (denial) throw denial.error;
  }

  private async invoke(records: SQSRecord[]) {
    try {
      return await this.ctx.lambda.invoke(this.mapping.functionRef, { Records: records });
    } catch (error) {
      // The function could not run at all (e.g. not deployed): a failed batch, retried after the visibility timeout.
      return {
        ok: false as const,
        errorType: 'InvokeError',
        errorMessage: (error as Error).message,
        durationMs: 0,
        coldStart: false,
      };
    }
  }

  /** Receives the first messages with a long poll, then keeps filling the batch until the window closes. */
  private async collect(queue: SqsQueue, signal?: AbortSignal): Promise<StoredMessage[]> {
    const { clock } = this.registry;
    const { batchSize, batchingWindowSeconds } = this.mapping;
    const receive = (waitSeconds: number, count: number) =>
      receiveMessages(this.registry, queue, {
        maxMessages: Math.min(10, count),
        waitSeconds,
        ...(signal ? { signal } : {}),
      });
    const batch = await receive(signal ? LONG_POLL_SECONDS : 0, batchSize);
    const windowEnd = clock.now() + batchingWindowSeconds * 1000;
    while (batch.length > 0 && batch.length < batchSize && clock.now() < windowEnd && !signal?.aborted) {
      batch.push(...(await receive((windowEnd - clock.now()) / 1000, batchSize - batch.length)));
    }
    return batch;
  }

  private deleteAll(queue: SqsQueue, records: SQSRecord[], ids: string[]): void {
    for (const record of records) {
      if (ids.includes(record.messageId)) queue.deleteByHandle(record.receiptHandle);
    }
  }
}
