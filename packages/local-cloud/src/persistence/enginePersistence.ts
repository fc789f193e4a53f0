import { join } from 'node:path';
import type { LocalCloudConfig } from '../core/config';
import type { PendingDeliveries } from '../events/delivery';
import type { PendingAsyncEvents } from '../lambda/async/AsyncInvoker';
import type { PendingExecutions } from '../stepfunctions/engine';
import { syncFromEnvironment } from './journal';
import { PendingWork } from './pendingWork';

/**
 * Where the engines keep what must survive a crash of the local cloud, under `<dataDir>`: `sqs/messages.jsonl`,
 * `events/deliveries.jsonl`, `lambda/async-events.jsonl` and `stepfunctions/executions.jsonl`. With `inMemory`
 * (DynamoDB in memory too) nothing is written: a restart starts from nothing, consistently.
 */
export interface EnginePersistence {
  /** The folder the SQS engine keeps its messages under, when persistent. */
  sqsDir: string | undefined;
  syncWrites: boolean;
  deliveries: PendingDeliveries | undefined;
  asyncEvents: PendingAsyncEvents | undefined;
  executions: PendingExecutions | undefined;
}

export function openPersistence(
  config: Pick<LocalCloudConfig, 'dataDir' | 'inMemory'>,
  env: NodeJS.ProcessEnv = process.env,
): EnginePersistence {
  if (config.inMemory) {
    return {
      sqsDir: undefined,
      syncWrites: false,
      deliveries: undefined,
      asyncEvents: undefined,
      executions: undefined,
    };
  }
  const sync = syncFromEnvironment(env);
  const at = (...parts: string[]) => join(config.dataDir, ...parts);
  return {
    sqsDir: config.dataDir,
    syncWrites: sync,
    deliveries: new PendingWork(at('events', 'deliveries.jsonl'), { sync }),
    asyncEvents: new PendingWork(at('lambda', 'async-events.jsonl'), { sync }),
    executions: new PendingWork(at('stepfunctions', 'executions.jsonl'), { sync }),
  };
}

/** The engines that take up, after a restart's deployment, what a crash interrupted. */
export interface Resumable {
  sqs: { resume(): { restored: number; dropped: number } };
  events: { resume(): number };
  lambda: { resume(): number };
  sfn: { resume(): number };
}

/** What a restart took up again. */
export interface Resumed {
  messages: number;
  droppedMessages: number;
  deliveries: number;
  asyncEvents: number;
  executions: number;
}

/**
 * Called once every stack is deployed (queues, functions, rules and state machines exist again): queues already
 * have their messages back; this resumes bus deliveries, asynchronous invocations and executions.
 */
export function resumeEngines(engines: Resumable): Resumed {
  const { restored, dropped } = engines.sqs.resume();
  return {
    messages: restored,
    droppedMessages: dropped,
    deliveries: engines.events.resume(),
    asyncEvents: engines.lambda.resume(),
    executions: engines.sfn.resume(),
  };
}

/** One progress line, or none when there was nothing to take up. */
export function describeResumed(resumed: Resumed): string | undefined {
  const parts = [
    [resumed.messages, 'queue message(s)'],
    [resumed.deliveries, 'bus delivery(ies)'],
    [resumed.asyncEvents, 'asynchronous invocation(s)'],
    [resumed.executions, 'execution(s) restarted'],
  ].filter(([count]) => Number(count) > 0);
  if (parts.length === 0) return undefined;
  return `taken up after the last run: ${parts.map(([count, what]) => `${count} ${what}`).join(', ')}`;
}
