import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { RunOptions } from 'aws-local-stepfunctions';
import { taskCall } from '../iam/deliveries';
import { type AslDefinition, forEachState } from './definition';
import type { HistoryRecorder, TaskLabel } from './history';
import {
  classifyResource,
  INTEGRATIONS,
  type IntegrationDeps,
  invokeFunction,
  type TaskResource,
} from './integrations';
import { TaskFailedError } from './taskError';

/** The library's handler map type (its JSON types are not exported). */
type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** Everything a task handler needs for one execution. */
export interface TaskRun {
  deps: IntegrationDeps;
  history: HistoryRecorder;
  region: string;
  /** The state machine's role: every task is authorised as it (IAM, when the local cloud evaluates it). */
  roleArn?: string;
  stateMachineArn?: string;
  /** Aborted when the execution is stopped: a task still waiting ends then (and the library clears its timer). */
  signal?: AbortSignal;
}

/** `work`, or a rejection as soon as `signal` aborts, whichever comes first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Runs one classified resource with the state's effective input (its Parameters, already applied). */
async function runResource(
  target: TaskResource,
  resource: string,
  input: unknown,
  run: TaskRun,
): Promise<unknown> {
  await authorizeTask(resource, input, run);
  if (target.kind === 'lambdaFunction') return invokeFunction(run.deps.ctx, target.functionArn, input);
  if (target.kind === 'unsupported') throw new TaskFailedError('States.Runtime', target.reason);
  const integration = INTEGRATIONS[target.key as keyof typeof INTEGRATIONS];
  return integration((input ?? {}) as Record<string, unknown>, run.deps);
}

/** The error prefix of each service's optimized integration (`DynamoDB.AccessDeniedException`). */
const TASK_ERROR_PREFIX: Record<string, string> = {
  lambda: 'Lambda',
  dynamodb: 'DynamoDB',
  sns: 'SNS',
  sqs: 'SQS',
  events: 'EventBridge',
  bedrock: 'Bedrock',
  states: 'StepFunctions',
};

/**
 * A task calls its service as the state machine's role: a denial fails the task with `<Service>.<code>` and
 * AWS's message as its cause (the execution fails unless a Catch takes it), as on AWS.
 */
async function authorizeTask(resource: string, input: unknown, run: TaskRun): Promise<void> {
  const iam = run.deps.ctx.iam;
  if (!iam || !run.roleArn) return;
  const call = taskCall(resource, (input ?? {}) as Record<string, unknown>);
  if (!call) return;
  const denial = await iam.authorizeCall({
    principal: run.roleArn,
    ...call,
    caller: `state machine ${run.stateMachineArn ?? '?'} task ${resource}`,
  });
  if (denial)
    throw new TaskFailedError(
      `${TASK_ERROR_PREFIX[call.service] ?? call.service}.${denial.error.code}`,
      denial.error.message,
    );
}

const labelOf = (target: TaskResource, resource: string, region: string): TaskLabel =>
  target.kind === 'integration'
    ? { resourceType: target.service, resource: target.api, region }
    : target.kind === 'lambdaFunction'
      ? { lambdaArn: target.functionArn }
      : { resourceType: 'unsupported', resource, region };

/** Our own failures keep their States name; anything unexpected becomes `States.TaskFailed`. */
function asTaskError(error: unknown): Error {
  if (error instanceof TaskFailedError) return error;
  if (error instanceof Error && error.name !== 'Error') return new TaskFailedError(error.name, error.message);
  return new TaskFailedError('States.TaskFailed', error instanceof Error ? error.message : String(error));
}

/**
 * One handler per Task state for `overrides.taskResourceLocalHandlers` (keyed by state name; ASL state names
 * are unique across a definition, nested ones included). Each handler records its Task events in the history.
 * It first yields a macrotask so the library's queued events (e.g. TaskStateEntered) reach the history first.
 */
export function buildTaskHandlers(definition: AslDefinition, run: TaskRun): TaskHandlers {
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  forEachState(definition, (name, state) => {
    if (state.Type !== 'Task') return;
    const resource = String(state.Resource);
    const target = classifyResource(resource);
    const label = labelOf(target, resource, run.region);
    handlers[name] = async (input) => {
      await nextMacrotask();
      run.history.taskStarted(label, input);
      try {
        const output = await untilAborted(runResource(target, resource, input, run), run.signal);
        await nextMacrotask();
        run.history.taskSucceeded(label, output);
        return output;
      } catch (error) {
        if (run.signal?.aborted) throw error; // the execution was stopped: its history already ends there
        const failure = asTaskError(error);
        await nextMacrotask();
        run.history.taskFailed(label, failure);
        throw failure;
      }
    };
  });
  return handlers as unknown as TaskHandlers;
}
