import './nodePolyfills';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { type AslDefinition, InvalidDefinitionError, prepareForRunner } from './definition';
import { HistoryRecorder, type LibraryEvent } from './history';
import type { IntegrationDeps } from './integrations';
import { buildTaskHandlers } from './tasks';
import type { ExecutionRecord, HistoryEvent, StateMachineRecord } from './types';

/** A deployed state machine: its record, parsed definition and the library runner. */
export interface DeployedStateMachine {
  record: StateMachineRecord;
  definition: AslDefinition;
  runner: StateMachine;
}

/** What an execution reaches outside itself. */
export interface RunEnvironment {
  deps: IntegrationDeps;
  region: string;
  onHistoryEvent(record: ExecutionRecord, event: HistoryEvent): void;
}

export interface RunningExecution {
  record: ExecutionRecord;
  /** Settles (never rejects) once the execution has ended and its history is complete. */
  done: Promise<ExecutionRecord>;
  stop(error?: string, cause?: string): void;
}

/**
 * Validates a definition with the library's ASL validator and builds the runner from a copy whose waits and
 * retry intervals are scaled by `timeScale` (validated first, so scaling never hides an invalid definition).
 */
export function compileStateMachine(definition: AslDefinition, timeScale: number): StateMachine {
  try {
    new StateMachine(definition as unknown as StateMachineDefinition);
  } catch (error) {
    throw new InvalidDefinitionError((error as Error).message);
  }
  const scaled = inLibraryRealm(prepareForRunner(definition, timeScale)) as StateMachineDefinition;
  return new StateMachine(scaled, { validationOptions: { noValidate: true } });
}

/** The library's own `Object.prototype` (StateMachine extends nothing). */
const LIBRARY_OBJECT_PROTOTYPE: object = Object.getPrototypeOf(StateMachine.prototype);

/**
 * A deep copy whose plain objects have the library's `Object.prototype`. The library resolves nested payload
 * templates (`Parameters: { Body: { "messages.$": "$.messages" } }`, as a `bedrock:invokeModel` Body needs) only
 * in objects whose prototype is its own `Object.prototype`; where the definition comes from another realm (a
 * test runner's module sandbox), nested `.$` keys were passed on unresolved. The same realm: an ordinary copy.
 */
function inLibraryRealm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inLibraryRealm);
  if (!value || typeof value !== 'object') return value;
  const copy = Object.create(LIBRARY_OBJECT_PROTOTYPE) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key, {
      value: inLibraryRealm(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** The Context object (`$$`) fields the library does not fill itself. */
const contextObject = (machine: StateMachineRecord, record: ExecutionRecord) => ({
  Execution: { Id: record.executionArn, Name: record.name, RoleArn: machine.roleArn },
  StateMachine: { Id: machine.stateMachineArn, Name: machine.name },
});

/** Records how the library's result settled. A status already final (ABORTED by StopExecution) is kept. */
async function settle(result: Promise<unknown>, record: ExecutionRecord): Promise<void> {
  try {
    const output = await result;
    if (record.status === 'RUNNING')
      Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(output) });
  } catch (error) {
    if (record.status !== 'RUNNING') return;
    if (error instanceof ExecutionTimeoutError) {
      Object.assign(record, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'Execution timed out' });
    } else if (error instanceof ExecutionAbortedError) {
      record.status = 'ABORTED';
    } else {
      const cause = error instanceof ExecutionError ? (error.cause as Error) : (error as Error);
      Object.assign(record, { status: 'FAILED', error: cause?.name, cause: cause?.message });
    }
  }
}

/** Starts one execution of a deployed state machine. */
export function runExecution(
  machine: DeployedStateMachine,
  record: ExecutionRecord,
  env: RunEnvironment,
): RunningExecution {
  const history = new HistoryRecorder(record.history, machine.record.roleArn, (event) =>
    env.onHistoryEvent(record, event),
  );
  const stopped = new AbortController();
  const overrides = {
    taskResourceLocalHandlers: buildTaskHandlers(machine.definition, {
      deps: env.deps,
      history,
      region: env.region,
      signal: stopped.signal,
      roleArn: machine.record.roleArn,
      stateMachineArn: machine.record.stateMachineArn,
    }),
  };
  const run = machine.runner.run(JSON.parse(record.input), {
    overrides,
    context: contextObject(machine.record, record),
  });
  const consumed = (async () => {
    for await (const event of run.eventLogs) history.fromLibrary(event as LibraryEvent);
  })();
  const done = settle(run.result, record).then(async () => {
    await consumed;
    record.stopDate ??= new Date();
    return record;
  });
  const stop = (error?: string, cause?: string) => {
    if (record.status !== 'RUNNING') return;
    history.abortDetails = { error, cause };
    Object.assign(record, { status: 'ABORTED', error, cause, stopDate: new Date() });
    run.abort();
    // A task still waiting (a function the stopping cloud will never answer) ends now, so nothing of the
    // execution (the library's task timer included) outlives it.
    stopped.abort(new Error('The execution was stopped'));
  };
  return { record, done, stop };
}
