import { AwsApiError } from '../core/errors';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import type { StepFunctionsEngine } from './engine';
import type { ExecutionRecord, ExecutionStatus, HistoryEvent, StateMachineRecord } from './types';

type Input = Record<string, unknown>;

/** awsJson timestamps are epoch seconds. */
const epoch = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);
const payload = { included: true };

/** One page of items; the token is the next offset. */
function page<T>(items: T[], input: Input, key: string): Input {
  const start = Number(input.nextToken ?? 0) || 0;
  const size = Number(input.maxResults ?? 0) || 100;
  const next = start + size < items.length ? String(start + size) : undefined;
  return { [key]: items.slice(start, start + size), nextToken: next };
}

const required = (input: Input, field: string): string => {
  const value = input[field];
  if (typeof value !== 'string' || !value)
    throw new AwsApiError(400, 'ValidationException', `${field} is required`);
  return value;
};

/** Describe* APIs do not answer for EXPRESS executions, as on AWS (use the CLI's executions() locally). */
function standardOnly(executionArn: string): string {
  if (executionArn.includes(':express:')) {
    throw new AwsApiError(
      400,
      'InvalidArn',
      `Invalid Arn: 'Resource type not valid in this context: express'`,
    );
  }
  return executionArn;
}

/** The trace an execution continues: the request's `X-Amzn-Trace-Id` header wins over the body's `traceHeader`. */
const traceHeaderOf = (input: Input, request: AwsRequest): string | undefined =>
  request.headers['x-amzn-trace-id'] ??
  (typeof input.traceHeader === 'string' ? input.traceHeader : undefined);

const describeExecution = (record: ExecutionRecord) => ({
  executionArn: record.executionArn,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: epoch(record.startDate),
  stopDate: epoch(record.stopDate),
  input: record.input,
  inputDetails: payload,
  output: record.output,
  outputDetails: record.output === undefined ? undefined : payload,
  error: record.error,
  cause: record.cause,
  traceHeader: record.traceHeader,
});

const summary = (record: ExecutionRecord) => ({
  executionArn: record.executionArn,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: epoch(record.startDate),
  stopDate: epoch(record.stopDate),
});

const describeStateMachine = (machine: StateMachineRecord) => ({
  stateMachineArn: machine.stateMachineArn,
  name: machine.name,
  status: 'ACTIVE',
  definition: machine.definition,
  roleArn: machine.roleArn,
  type: machine.type,
  creationDate: epoch(machine.creationDate),
  loggingConfiguration: {
    level: machine.logging.level,
    includeExecutionData: machine.logging.includeExecutionData,
    destinations: machine.logging.logGroups.map((name) => ({
      cloudWatchLogsLogGroup: { logGroupArn: name },
    })),
  },
  tracingConfiguration: { enabled: machine.tracingEnabled },
});

/** A history event on the wire; without execution data, inputs and outputs are left out. */
function historyEvent(event: HistoryEvent, includeData: boolean): Input {
  const wire: Input = { ...event, timestamp: epoch(event.timestamp) };
  if (includeData) return wire;
  for (const [key, value] of Object.entries(wire)) {
    if (!key.endsWith('EventDetails')) continue;
    const { input: _input, output: _output, parameters: _parameters, ...rest } = value as Input;
    wire[key] = rest;
  }
  return wire;
}

/**
 * The Step Functions API (`AWSStepFunctions.<Action>`, awsJson 1.0) over the engine.
 * Note: the SDK sends StartSyncExecution to the `sync-` host prefix; local clients set `disableHostPrefix: true`.
 */
export class StepFunctionsApi implements AwsApi {
  readonly services = ['states'] as const;

  constructor(private readonly engine: StepFunctionsEngine) {}

  async handle(request: AwsRequest): Promise<AwsResponse> {
    const input = (request.body.length ? JSON.parse(request.body.toString('utf8')) : {}) as Input;
    const action = this.actions[request.action];
    if (!action)
      throw new AwsApiError(400, 'UnknownOperationException', `Unknown operation ${request.action}`);
    return { status: 200, body: await action(input, request) };
  }

  private readonly actions: Record<string, (input: Input, request: AwsRequest) => Promise<Input> | Input> = {
    StartExecution: async (input, request) => {
      const { executionArn } = await this.engine.startExecution(
        required(input, 'stateMachineArn'),
        (input.input as string | undefined) ?? '{}',
        input.name as string | undefined,
        { traceHeader: traceHeaderOf(input, request) },
      );
      return { executionArn, startDate: epoch(this.engine.describeExecution(executionArn).startDate) };
    },
    StartSyncExecution: async (input, request) => {
      const record = await this.engine.startSyncExecution(
        required(input, 'stateMachineArn'),
        (input.input as string | undefined) ?? '{}',
        input.name as string | undefined,
        { traceHeader: traceHeaderOf(input, request) },
      );
      const billedMs = Math.max(
        100,
        Math.ceil(((record.stopDate?.getTime() ?? 0) - record.startDate.getTime()) / 100) * 100,
      );
      return {
        ...describeExecution(record),
        billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: billedMs },
      };
    },
    DescribeExecution: (input) =>
      describeExecution(this.engine.describeExecution(standardOnly(required(input, 'executionArn')))),
    StopExecution: (input) => {
      const arn = standardOnly(required(input, 'executionArn'));
      const record = this.engine.stopExecution(
        arn,
        input.error as string | undefined,
        input.cause as string | undefined,
      );
      return { stopDate: epoch(record.stopDate) };
    },
    GetExecutionHistory: (input) => {
      const record = this.engine.describeExecution(standardOnly(required(input, 'executionArn')));
      const events = record.history.map((event) => historyEvent(event, input.includeExecutionData !== false));
      return page(input.reverseOrder ? events.reverse() : events, input, 'events');
    },
    ListExecutions: (input) => {
      const machine = this.engine.stateMachine(required(input, 'stateMachineArn'));
      if (machine.type === 'EXPRESS') {
        throw new AwsApiError(
          400,
          'StateMachineTypeNotSupported',
          'ListExecutions does not support EXPRESS state machines',
        );
      }
      const status = input.statusFilter as ExecutionStatus | undefined;
      const records = this.engine.executions({ stateMachineArn: machine.stateMachineArn, status });
      return page(records.map(summary), input, 'executions');
    },
    ListStateMachines: (input) =>
      page(
        this.engine.stateMachines().map((machine) => ({
          stateMachineArn: machine.stateMachineArn,
          name: machine.name,
          type: machine.type,
          creationDate: epoch(machine.creationDate),
        })),
        input,
        'stateMachines',
      ),
    DescribeStateMachine: (input) =>
      describeStateMachine(this.engine.stateMachine(required(input, 'stateMachineArn'))),
  };
}
