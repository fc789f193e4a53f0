import { arnOf, parseArn } from '../core/arn';
import type { LocalCloudConfig } from '../core/config';
import type { Clock } from './clock';
import { invalidParameter, queueDoesNotExist, sqsError } from './errors';
import type { MessageStore } from './persistence';
import { SqsQueue } from './queue';
import { defaultAttributes, normaliseAttributes, redriveAllowed } from './queueAttributes';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** The queues of the one local account and region, addressable by name, URL or ARN. */
export class QueueRegistry {
  private readonly byName = new Map<string, SqsQueue>();

  constructor(
    readonly config: LocalCloudConfig,
    readonly clock: Clock,
    /** Visibility timeouts relative to AWS (default 1): end-to-end tests shorten redelivery of failed messages. */
    readonly visibilityTimeScale = 1,
    /** Keeps messages on disk across restarts (none: in memory only). */
    readonly store?: MessageStore,
  ) {
    store?.track(() => this.byName.values());
  }

  /** The queue URL SQS would hand out, on the local endpoint. */
  urlOf(name: string): string {
    return `http://${this.config.host}:${this.config.awsPort}/${this.config.accountId}/${name}`;
  }

  /**
   * Creates a queue, or returns the existing one when every given attribute matches it (CreateQueue is
   * idempotent in SQS); a differing attribute is QueueNameExists.
   */
  create(
    name: string,
    given: Record<string, string> = {},
    tags: Record<string, string> = {},
    options: { fifoAsStandard?: boolean } = {},
  ): SqsQueue {
    // Templates with a FIFO queue still deploy (reported by the provider); the API refuses to create one.
    const fifoAsStandard = options.fifoAsStandard && name.endsWith('.fifo');
    if (name.endsWith('.fifo') && !fifoAsStandard) {
      throw sqsError(
        'UnsupportedOperation',
        `FIFO queue ${name}: FIFO queues are not supported by the local cloud.`,
      );
    }
    if (!QUEUE_NAME.test(fifoAsStandard ? name.slice(0, -5) : name)) {
      throw invalidParameter(
        `Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length (queue name ${name}).`,
      );
    }
    const attributes = normaliseAttributes(given);
    const existing = this.byName.get(name);
    if (existing) return this.matching(existing, attributes);
    const queue = new SqsQueue(
      name,
      arnOf(this.config, 'sqs', name),
      this.urlOf(name),
      defaultAttributes(),
      this.clock.now(),
    );
    this.checkRedriveTarget(queue.arn, attributes.RedrivePolicy);
    Object.assign(queue.attributes, attributes);
    queue.tags = { ...tags };
    if (this.store) {
      // A queue created again under its name (a restart's deployment) gets back the messages it had.
      queue.restore(this.store.claim(name));
      queue.journal = this.store.journalOf(name);
    }
    this.byName.set(name, queue);
    return queue;
  }

  private matching(existing: SqsQueue, attributes: Record<string, string>): SqsQueue {
    for (const [name, value] of Object.entries(attributes)) {
      if ((existing.attributes[name] ?? '') !== value) {
        throw sqsError(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute ${name}`,
        );
      }
    }
    return existing;
  }

  /** Applies SetQueueAttributes. */
  update(queue: SqsQueue, given: Record<string, string>): void {
    const attributes = normaliseAttributes(given);
    this.checkRedriveTarget(queue.arn, attributes.RedrivePolicy);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === '' && name === 'RedrivePolicy') delete queue.attributes[name];
      else queue.attributes[name] = value;
    }
    queue.lastModifiedAt = this.clock.now();
  }

  // SQS refuses a redrive policy whose DLQ does not exist or does not allow this source.
  private checkRedriveTarget(sourceArn: string, redrivePolicy: string | undefined): void {
    if (!redrivePolicy) return;
    const { deadLetterTargetArn } = JSON.parse(redrivePolicy) as { deadLetterTargetArn: string };
    const target = this.resolve(deadLetterTargetArn);
    if (!target) {
      throw invalidParameter(
        `Value ${redrivePolicy} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
      );
    }
    if (!redriveAllowed(target.redriveAllowPolicy, sourceArn)) {
      throw invalidParameter(
        `Value ${redrivePolicy} for parameter RedrivePolicy is invalid. Reason: Queue ${target.arn} does not allow this queue as a dead-letter source (RedriveAllowPolicy).`,
      );
    }
  }

  delete(queue: SqsQueue): void {
    this.byName.delete(queue.name);
    queue.purge();
  }

  /** Finds a queue by ARN, URL (any host: only the account and name count) or bare name. */
  resolve(ref: string | undefined): SqsQueue | undefined {
    if (!ref) return undefined;
    const arn = parseArn(ref);
    if (arn) {
      return arn.service === 'sqs' && arn.accountId === this.config.accountId
        ? this.byName.get(arn.resource)
        : undefined;
    }
    if (/^https?:\/\//.test(ref)) {
      const [account, name, ...rest] = new URL(ref).pathname.split('/').filter(Boolean);
      return account === this.config.accountId && name && rest.length === 0
        ? this.byName.get(name)
        : undefined;
    }
    return this.byName.get(ref);
  }

  /** Like resolve, but answers QueueDoesNotExist as SQS does. */
  require(ref: string | undefined): SqsQueue {
    const queue = this.resolve(ref);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  all(): SqsQueue[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The queues whose RedrivePolicy targets `dlq`. */
  sourcesOf(dlq: SqsQueue): SqsQueue[] {
    return this.all().filter((q) => q.redrivePolicy?.deadLetterTargetArn === dlq.arn);
  }

  /** The DLQ a queue's RedrivePolicy names, if it still exists. */
  deadLetterQueueOf(queue: SqsQueue): SqsQueue | undefined {
    return this.resolve(queue.redrivePolicy?.deadLetterTargetArn);
  }
}
