import { randomUUID } from 'node:crypto';
import { invalidParameter, sqsError } from './errors';
import { sendMessage } from './messaging';
import type { SqsQueue } from './queue';
import type { QueueRegistry } from './registry';

/** A ListMessageMoveTasks result entry, as SQS returns it. */
export interface MoveTaskEntry {
  TaskHandle?: string;
  Status: 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  FailureReason?: string;
  StartedTimestamp: number;
}

/** A task as StartMessageMoveTask made it, with the names of the queues that received messages. */
export type StartedMoveTask = MoveTaskEntry & { TaskHandle: string; destinations: string[] };

/**
 * DLQ redrive (StartMessageMoveTask). Locally the move completes within the call, so a task is listed as
 * COMPLETED (or FAILED) at once and there is never a running task to cancel; the rate limit has nothing to pace.
 */
export class MessageMoveTasks {
  private readonly tasks: MoveTaskEntry[] = [];

  constructor(private readonly registry: QueueRegistry) {}

  /**
   * Moves every visible message of `source` (which must be some queue's DLQ) to `destination`, or when none is
   * given back to the queue each message came from. Moved messages are sent anew: a fresh id and receive count.
   */
  start(source: SqsQueue, destination?: SqsQueue, maxPerSecond?: number): StartedMoveTask {
    if (this.registry.sourcesOf(source).length === 0) {
      throw invalidParameter('Source queue must be configured as a Dead Letter Queue.');
    }
    if (
      maxPerSecond !== undefined &&
      (!Number.isInteger(maxPerSecond) || maxPerSecond < 1 || maxPerSecond > 500)
    ) {
      throw invalidParameter('MaxNumberOfMessagesPerSecond must be between 1 and 500.');
    }
    const visible = source.visible(this.registry.clock.now());
    const task: MoveTaskEntry & { TaskHandle: string } = {
      TaskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString(
        'base64',
      ),
      Status: 'COMPLETED',
      SourceArn: source.arn,
      ...(destination ? { DestinationArn: destination.arn } : {}),
      ...(maxPerSecond ? { MaxNumberOfMessagesPerSecond: maxPerSecond } : {}),
      ApproximateNumberOfMessagesMoved: 0,
      ApproximateNumberOfMessagesToMove: visible.length,
      StartedTimestamp: this.registry.clock.now(),
    };
    const destinations = new Set<string>();
    const stranded = visible.filter((message) => {
      const target = destination ?? this.registry.resolve(message.deadLetterSourceArn);
      if (!target) return true;
      sendMessage(this.registry, target, { body: message.body, attributes: message.attributes });
      source.remove(message.messageId);
      task.ApproximateNumberOfMessagesMoved++;
      destinations.add(target.name);
      return false;
    });
    if (stranded.length > 0) {
      task.Status = 'FAILED';
      task.FailureReason = `${stranded.length} message(s) have no existing source queue to return to; give a DestinationArn.`;
    }
    this.tasks.unshift(task);
    return { ...task, destinations: [...destinations] };
  }

  /** The most recent tasks of a source queue, newest first (MaxResults 1–10, default 1). */
  list(source: SqsQueue, maxResults = 1): MoveTaskEntry[] {
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10) {
      throw invalidParameter('MaxResults must be between 1 and 10.');
    }
    return this.tasks
      .filter((task) => task.SourceArn === source.arn)
      .slice(0, maxResults)
      .map(({ TaskHandle: _handle, ...entry }) => entry);
  }

  /** CancelMessageMoveTask: local tasks finish within StartMessageMoveTask, so none is ever running. */
  cancel(taskHandle: string | undefined): never {
    throw sqsError(
      'ResourceNotFoundException',
      `No running message movement task matches ${taskHandle ?? '(none)'}.`,
    );
  }
}
