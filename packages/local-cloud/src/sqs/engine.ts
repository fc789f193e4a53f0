import type { Activity, Settles } from '../core/activity';
import type { LocalCloud } from '../core/context';
import type { OutgoingMessage, SqsPort } from '../core/ports';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import type { ResourceProvider } from '../core/resources';
import { SqsApi } from './api/sqsApi';
import { type Clock, systemClock } from './clock';
import { sqsEventSourceMappingProvider } from './esm/mappingProvider';
import { type SqsMapping, SqsPoller } from './esm/poller';
import { sendMessage } from './messaging';
import { MessageMoveTasks } from './moveTasks';
import { MessageStore } from './persistence';
import { sqsQueuePolicyProvider } from './providers/queuePolicyProvider';
import { sqsQueueProvider } from './providers/queueProvider';
import { QueueRegistry } from './registry';

export interface SqsEngineOptions {
  /** Defaults to the wall clock; tests pass a ManualClock. */
  clock?: Clock;
  /** Visibility timeouts relative to AWS (default 1). */
  visibilityTimeScale?: number;
  /**
   * Keeps every queue's messages in `<persistDir>/sqs/messages.jsonl`, so they survive a crash of the process
   * (none: in memory only, as the in-process clouds of the tests run).
   */
  persistDir?: string;
  /** With persistDir: flush each change to the disk too (survives a machine crash). */
  syncWrites?: boolean;
}

/** One queue as the CLI `queues` command lists it. */
export interface QueueSummary {
  name: string;
  arn: string;
  url: string;
  visible: number;
  inFlight: number;
  delayed: number;
  /** Name of the queue's dead-letter queue, if it has a RedrivePolicy. */
  dlq?: string;
  /** ARN of the queue's dead-letter queue, if it has a RedrivePolicy. */
  deadLetterQueueArn?: string;
  maxReceiveCount?: number;
}

/**
 * The local SQS: standard queues with visibility timeouts, delays, retention, receive counts, redrive to
 * DLQs and DLQ redrive back; the AWS JSON API; and the Lambda event source mappings that poll queues.
 *
 * @example
 * const sqs = new SqsEngine(cloud); cloud.sqs = sqs; gateway.mount(sqs); deployer.use(...sqs.providers());
 */
export class SqsEngine implements SqsPort, AwsApi, Settles {
  readonly services = ['sqs'] as const;
  readonly registry: QueueRegistry;
  readonly moveTasks: MessageMoveTasks;
  private readonly api: SqsApi;
  private readonly pollers = new Map<string, SqsPoller>();
  private readonly store: MessageStore | undefined;

  constructor(
    private readonly ctx: LocalCloud,
    options: SqsEngineOptions = {},
  ) {
    this.store = options.persistDir
      ? new MessageStore(options.persistDir, { sync: options.syncWrites ?? false })
      : undefined;
    this.registry = new QueueRegistry(
      ctx.config,
      options.clock ?? systemClock,
      options.visibilityTimeScale ?? 1,
      this.store,
    );
    this.moveTasks = new MessageMoveTasks(this.registry);
    this.api = new SqsApi({ registry: this.registry, moveTasks: this.moveTasks });
  }

  /** Answers one SQS API request (AWS JSON 1.0). */
  handle(request: AwsRequest): Promise<AwsResponse> {
    return this.api.handle(request);
  }

  /** SqsPort: sends to a queue given by ARN, URL or name; rejects with QueueDoesNotExist. */
  async send(queueRef: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const queue = this.registry.require(queueRef);
    const { messageId } = sendMessage(this.registry, queue, {
      body: message.body,
      ...(message.attributes ? { attributes: message.attributes } : {}),
      ...(message.delaySeconds !== undefined ? { delaySeconds: message.delaySeconds } : {}),
    });
    return { messageId };
  }

  has(queueRef: string): boolean {
    return this.registry.resolve(queueRef) !== undefined;
  }

  /** The resource providers of this engine: queues, queue policies, SQS event source mappings. */
  providers(): ResourceProvider[] {
    const host = {
      registry: this.registry,
      attach: (mapping: SqsMapping, ctx: LocalCloud) => this.attach(mapping, ctx),
    };
    return [sqsQueueProvider(this.registry), sqsQueuePolicyProvider(), sqsEventSourceMappingProvider(host)];
  }

  /** Starts polling for an event source mapping (replacing one with the same uuid). */
  attach(mapping: SqsMapping, ctx: LocalCloud = this.ctx): SqsPoller {
    void this.pollers.get(mapping.uuid)?.stop();
    const poller = new SqsPoller(mapping, this.registry, ctx);
    this.pollers.set(mapping.uuid, poller);
    poller.start();
    return poller;
  }

  /** The running event source mappings. */
  mappings(): SqsMapping[] {
    return [...this.pollers.values()].map((p) => p.mapping);
  }

  /** Every queue with its message counts and DLQ, for the CLI. */
  queues(): QueueSummary[] {
    const now = this.registry.clock.now();
    return this.registry.all().map((queue) => {
      const counts = queue.counts(now);
      const policy = queue.redrivePolicy;
      return {
        name: queue.name,
        arn: queue.arn,
        url: queue.url,
        ...counts,
        ...(policy
          ? {
              dlq: policy.deadLetterTargetArn.split(':').at(-1)!,
              deadLetterQueueArn: policy.deadLetterTargetArn,
              maxReceiveCount: policy.maxReceiveCount,
            }
          : {}),
      };
    });
  }

  /**
   * Messages waiting for a consumer: visible, in flight or delayed in a queue an enabled event source mapping
   * polls. Queues nobody polls (dead-letter queues, test taps, queues a client reads itself) hold messages
   * that are the end of a flow, not work in hand.
   */
  activity(): Activity {
    const now = this.registry.clock.now();
    const consumed = new Set(
      this.mappings()
        .filter((m) => m.enabled)
        .map((m) => m.queueArn),
    );
    const busy: string[] = [];
    for (const queue of this.registry.all()) {
      if (!consumed.has(queue.arn)) continue;
      const { visible, inFlight, delayed } = queue.counts(now);
      if (visible + inFlight + delayed > 0)
        busy.push(`sqs: ${queue.name} has ${visible} visible, ${inFlight} in flight, ${delayed} delayed`);
    }
    return { busy, moves: 0 };
  }

  /** Nothing to wait on directly: messages are consumed by the pollers' function invocations. */
  async settled(): Promise<void> {}

  /**
   * Moves every visible message of a DLQ (by name, URL or ARN) back to the queue it came from, as
   * StartMessageMoveTask without a destination does. Rejects when the queue is no queue's DLQ.
   * `destination` names the queues that received messages (or, when none moved, the DLQ's sources).
   */
  async redrive(dlqRef: string): Promise<{ moved: number; stranded: number; destination: string }> {
    const dlq = this.registry.require(dlqRef);
    const task = this.moveTasks.start(dlq);
    const moved = task.ApproximateNumberOfMessagesMoved;
    const names =
      task.destinations.length > 0 ? task.destinations : this.registry.sourcesOf(dlq).map((q) => q.name);
    return { moved, stranded: task.ApproximateNumberOfMessagesToMove - moved, destination: names.join(', ') };
  }

  /**
   * After a restart's deployment: forgets the saved messages of queues the deployment did not create again (queues
   * made through the API, or removed from a template), saying so. Returns how many messages were restored.
   */
  resume(): { restored: number; dropped: number } {
    if (!this.store) return { restored: 0, dropped: 0 };
    let dropped = 0;
    for (const { queue, count } of this.store.dropUnclaimed()) {
      dropped += count;
      this.ctx.log(`sqs: ${count} saved message(s) of queue ${queue}, which no longer exists, were dropped`);
    }
    const restored = this.registry.all().reduce((sum, queue) => sum + queue.messages.size, 0);
    return { restored, dropped };
  }

  /** Stops every poller; resolves once their in-flight batches are done. */
  async stop(): Promise<void> {
    await Promise.all([...this.pollers.values()].map((p) => p.stop()));
    this.pollers.clear();
  }
}
