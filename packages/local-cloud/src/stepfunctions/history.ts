import type { HistoryEvent } from './types';

/** The library's event stream, as far as the history needs it (see aws-local-stepfunctions `EventLog`). */
export interface LibraryEvent {
  type: string;
  timestamp: number;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  index?: number;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  parentState?: { name: string; type: string };
}

/** How a task is named in Task* / LambdaFunction* events. */
export type TaskLabel = { lambdaArn: string } | { resourceType: string; resource: string; region: string };

const json = (value: unknown) => JSON.stringify(value ?? null);
const text = (value: unknown) => (typeof value === 'string' ? value : json(value));
const payloadDetails = { truncated: false };

/**
 * Builds an execution's history in the shape of GetExecutionHistory from two sources: the library's event
 * stream (execution and state events) and the task handlers (Task* / LambdaFunction* events), which the
 * library does not report. Events after the execution closed are dropped.
 */
export class HistoryRecorder {
  private closed = false;
  /** Set by StopExecution before aborting, for the ExecutionAborted event. */
  abortDetails: { error?: string; cause?: string } = {};

  constructor(
    private readonly events: HistoryEvent[],
    private readonly roleArn: string,
    private readonly onEvent: (event: HistoryEvent) => void = () => {},
  ) {}

  /** Appends one event. */
  add(type: string, details: Record<string, unknown> = {}, timestamp = new Date()): void {
    if (this.closed) return;
    const id = this.events.length + 1;
    const event: HistoryEvent = { timestamp, type, id, previousEventId: id - 1, ...details };
    this.events.push(event);
    this.onEvent(event);
    if (/^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(type)) this.closed = true;
  }

  /** Translates one library event; events with no API counterpart (StateRetried, StateCaught…) are skipped. */
  fromLibrary(event: LibraryEvent): void {
    const at = new Date(event.timestamp);
    const translated = this.translate(event);
    if (translated) this.add(translated[0], translated[1], at);
  }

  private translate(event: LibraryEvent): [string, Record<string, unknown>] | undefined {
    const state = event.state;
    const error = { error: event.Error, cause: event.Cause === undefined ? undefined : text(event.Cause) };
    switch (event.type) {
      case 'ExecutionStarted':
        return [
          'ExecutionStarted',
          {
            executionStartedEventDetails: {
              input: json(event.input),
              inputDetails: payloadDetails,
              roleArn: this.roleArn,
            },
          },
        ];
      case 'ExecutionSucceeded':
        return [
          'ExecutionSucceeded',
          { executionSucceededEventDetails: { output: json(event.output), outputDetails: payloadDetails } },
        ];
      case 'ExecutionFailed':
        return ['ExecutionFailed', { executionFailedEventDetails: error }];
      case 'ExecutionAborted':
        return ['ExecutionAborted', { executionAbortedEventDetails: this.abortDetails }];
      case 'ExecutionTimeout':
        return ['ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout' } }];
      case 'StateEntered':
        return [
          `${state!.type}StateEntered`,
          {
            stateEnteredEventDetails: {
              name: state!.name,
              input: json(state!.input),
              inputDetails: payloadDetails,
            },
          },
        ];
      case 'StateExited':
        return [
          `${state!.type}StateExited`,
          {
            stateExitedEventDetails: {
              name: state!.name,
              output: json(state!.output),
              outputDetails: payloadDetails,
            },
          },
        ];
      default:
        return this.translateNested(event, error);
    }
  }

  private translateNested(
    event: LibraryEvent,
    error: { error?: string; cause?: string },
  ): [string, Record<string, unknown>] | undefined {
    const iteration = { name: event.parentState?.name, index: event.index };
    switch (event.type) {
      case 'StateFailed':
        if (event.state?.type === 'Map' || event.state?.type === 'Parallel') {
          return [`${event.state.type}StateFailed`, {}];
        }
        if (event.state?.type === 'Task' && event.Error === 'States.Timeout') {
          return ['TaskTimedOut', { taskTimedOutEventDetails: error }];
        }
        return undefined;
      case 'MapIterationStarted':
        return ['MapIterationStarted', { mapIterationStartedEventDetails: iteration }];
      case 'MapIterationSucceeded':
        return ['MapIterationSucceeded', { mapIterationSucceededEventDetails: iteration }];
      case 'MapIterationFailed':
        return ['MapIterationFailed', { mapIterationFailedEventDetails: iteration }];
      default:
        return undefined;
    }
  }

  /** TaskScheduled + TaskStarted (or LambdaFunctionScheduled + LambdaFunctionStarted). */
  taskStarted(label: TaskLabel, parameters: unknown): void {
    if ('lambdaArn' in label) {
      this.add('LambdaFunctionScheduled', {
        lambdaFunctionScheduledEventDetails: {
          resource: label.lambdaArn,
          input: json(parameters),
          inputDetails: payloadDetails,
        },
      });
      this.add('LambdaFunctionStarted');
      return;
    }
    const { resourceType, resource, region } = label;
    this.add('TaskScheduled', {
      taskScheduledEventDetails: { resourceType, resource, region, parameters: json(parameters) },
    });
    this.add('TaskStarted', { taskStartedEventDetails: { resourceType, resource } });
  }

  /** TaskSucceeded (or LambdaFunctionSucceeded). */
  taskSucceeded(label: TaskLabel, output: unknown): void {
    const details = { output: json(output), outputDetails: payloadDetails };
    if ('lambdaArn' in label)
      this.add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: details });
    else this.add('TaskSucceeded', { taskSucceededEventDetails: { ...resourceOf(label), ...details } });
  }

  /** TaskFailed (or LambdaFunctionFailed). */
  taskFailed(label: TaskLabel, error: Error): void {
    const details = { error: error.name, cause: error.message };
    if ('lambdaArn' in label) this.add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: details });
    else this.add('TaskFailed', { taskFailedEventDetails: { ...resourceOf(label), ...details } });
  }
}

const resourceOf = (label: { resourceType: string; resource: string }) => ({
  resourceType: label.resourceType,
  resource: label.resource,
});
