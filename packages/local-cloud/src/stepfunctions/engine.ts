import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Activity, Settles } from '../core/activity';
import { arnOf } from '../core/arn';
import type { LocalCloud } from '../core/context';
import { AwsApiError } from '../core/errors';
import type { StepFunctionsPort } from '../core/ports';
import type { PendingWork } from '../persistence/pendingWork';
import type { AslDefinition } from './definition';
import {
  compileStateMachine,
  type DeployedStateMachine,
  type RunningExecution,
  runExecution,
} from './execution';
import type { IntegrationDeps, ModelInvoker } from './integrations';
import { logHistoryEvent } from './logging';
import { recordExecutionMetrics } from './metrics';
import type {
  ExecutionLogging,
  ExecutionRecord,
  ExecutionStatus,
  StateMachineRecord,
  StateMachineType,
} from './types';

export interface StepFunctionsEngineOptions {
  /**
   * Multiplies Wait `Seconds` and Retry intervals for local runs (default 0.1: a 10 s wait takes 1 s).
   * `Timestamp`/`SecondsPath`/`TimestampPath` waits and timeouts are not scaled.
   */
  timeScale?: number;
  /** Endpoint of DynamoDB for `dynamodb:*` tasks (default: the local cloud's AWS endpoint). */
  dynamoDbEndpoint?: string;
  /** A ready client for `dynamodb:*` tasks (wins over dynamoDbEndpoint). */
  dynamoDb?: DynamoDBClient;
  /** The local model for `bedrock:invokeModel` tasks (can be wired later with `useModel`). */
  model?: ModelInvoker;
  /** Finished executions kept in memory (oldest dropped first; default 1000). */
  retainedExecutions?: number;
  /** Keeps the executions started and not ended across a crash, to start them again (absent: in memory). */
  pending?: PendingExecutions;
  /**
   * The longest an EXPRESS execution runs before it times out (default EXPRESS_LIMIT_SECONDS, AWS's 5 minutes;
   * real seconds, not scaled). A definition's own shorter TimeoutSeconds wins. Tests shorten it.
   */
  expressLimitSeconds?: number;
}

/** AWS stops an EXPRESS execution after 5 minutes, whatever its definition's TimeoutSeconds says. */
export const EXPRESS_LIMIT_SECONDS = 300;

/** The definition an EXPRESS state machine runs: its TimeoutSeconds capped at the Express limit (set if absent). */
export function withExpressLimit(
  definition: AslDefinition,
  limitSeconds = EXPRESS_LIMIT_SECONDS,
): AslDefinition {
  return { ...definition, TimeoutSeconds: Math.min(definition.TimeoutSeconds ?? limitSeconds, limitSeconds) };
}

/** A running execution as it is saved: what it takes to start it again under the same ARN. */
export interface SavedExecution {
  stateMachineArn: string;
  name: string;
  input: string;
  startDate: string;
  traceHeader?: string;
}

export type PendingExecutions = PendingWork<SavedExecution>;

/** What deploying a state machine takes (from the CloudFormation resource or a test). */
export interface StateMachineInput {
  name: string;
  type?: StateMachineType;
  definition: AslDefinition;
  roleArn?: string;
  logging?: ExecutionLogging;
  tracingEnabled?: boolean;
}

/** StartExecution's name rule: 1-80 characters, no whitespace, brackets, wildcards, punctuation or controls. */
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/]{1,80}$/;
const hasControlCharacter = (name: string) =>
  [...name].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));

const notFound = (code: string, what: string) => new AwsApiError(400, code, `${what} does not exist`);

/**
 * Step Functions on `aws-local-stepfunctions`: deploys state machines, runs executions with the optimized
 * integrations the project uses, and keeps their records and history for the API and the CLI.
 * @example const sfn = new StepFunctionsEngine(cloud, { timeScale: 0.01 }); cloud.sfn = sfn;
 */
export class StepFunctionsEngine implements StepFunctionsPort, Settles {
  private readonly machines = new Map<string, DeployedStateMachine>();
  private readonly runs = new Map<string, RunningExecution>();
  private dynamoDbClient?: DynamoDBClient;
  private stopped = false;
  /** Executions not ended yet (their history complete), and starts + ends so far. */
  private readonly unfinished = new Set<RunningExecution>();
  private moves = 0;

  constructor(
    private readonly ctx: LocalCloud,
    private readonly options: StepFunctionsEngineOptions = {},
  ) {}

  /** The factor applied to waits and retry intervals. */
  get timeScale(): number {
    return this.options.timeScale ?? 0.1;
  }

  /** Wires the local model that `bedrock:invokeModel` tasks call. */
  useModel(model: ModelInvoker): void {
    this.options.model = model;
  }

  /** Validates and deploys a state machine; throws InvalidDefinitionError for invalid ASL. */
  deploy(input: StateMachineInput): StateMachineRecord {
    const stateMachineArn = arnOf(this.ctx.config, 'states', `stateMachine:${input.name}`);
    const type = input.type ?? 'STANDARD';
    // An EXPRESS execution times out at 5 minutes (TIMED_OUT, States.Timeout) even when its definition allows more.
    const runnable =
      type === 'EXPRESS'
        ? withExpressLimit(input.definition, this.options.expressLimitSeconds)
        : input.definition;
    const runner = compileStateMachine(runnable, this.timeScale);
    const record: StateMachineRecord = {
      stateMachineArn,
      name: input.name,
      type,
      definition: JSON.stringify(input.definition),
      roleArn: input.roleArn ?? arnOf({ ...this.ctx.config, region: '' }, 'iam', 'role/local-states'),
      creationDate: new Date(),
      logging: input.logging ?? { level: 'OFF', includeExecutionData: false, logGroups: [] },
      tracingEnabled: input.tracingEnabled ?? false,
    };
    this.machines.set(stateMachineArn, { record, definition: input.definition, runner });
    return record;
  }

  /** A deployed state machine, or StateMachineDoesNotExist. */
  stateMachine(stateMachineArn: string): StateMachineRecord {
    return this.deployed(stateMachineArn).record;
  }

  stateMachines(): StateMachineRecord[] {
    return [...this.machines.values()].map((machine) => machine.record);
  }

  /** StartExecution: runs in the background and resolves with the execution ARN. */
  async startExecution(
    stateMachineArn: string,
    input = '{}',
    name?: string,
    options: { traceHeader?: string } = {},
  ): Promise<{ executionArn: string }> {
    return { executionArn: this.start(stateMachineArn, input, name, options).record.executionArn };
  }

  /**
   * After a restart's deployment: starts again, from the beginning and under the same ARN, name, input and start
   * date, every execution a crash interrupted (its history restarts; tasks already done run again, so they must be
   * idempotent, as Step Functions' own at-least-once task delivery asks too). Returns how many.
   */
  resume(): number {
    let resumed = 0;
    for (const { id, item } of this.options.pending?.restored() ?? []) {
      const machine = this.machines.get(item.stateMachineArn);
      if (!machine || this.runs.has(id)) {
        if (!machine) this.ctx.log(`states: interrupted execution ${id} dropped: its state machine is gone`);
        this.options.pending?.done(id);
        continue;
      }
      const record = newExecution(machine.record, id, item.name, item.input, item.traceHeader);
      record.startDate = new Date(item.startDate);
      this.launch(machine, record);
      resumed++;
    }
    return resumed;
  }

  /**
   * For a shutdown that aborts running executions: stops noting their end, so they stay saved and are started again
   * on the next start (as after a crash) instead of being lost as ABORTED.
   */
  keepRunningExecutionsSaved(): void {
    this.options.pending?.close();
  }

  /** StartSyncExecution: EXPRESS state machines only, resolves when the execution has ended. */
  async startSyncExecution(
    stateMachineArn: string,
    input = '{}',
    name?: string,
    options: { traceHeader?: string } = {},
  ): Promise<ExecutionRecord> {
    if (this.deployed(stateMachineArn).record.type !== 'EXPRESS') {
      throw new AwsApiError(
        400,
        'StateMachineTypeNotSupported',
        'This operation is not supported by this type of state machine',
      );
    }
    return this.start(stateMachineArn, input, name, { ...options, sync: true }).done;
  }

  /** An execution's record, or ExecutionDoesNotExist. */
  describeExecution(executionArn: string): ExecutionRecord {
    return this.running(executionArn).record;
  }

  /** StopExecution: aborts a running execution (no effect on one that has ended). */
  stopExecution(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const run = this.running(executionArn);
    run.stop(error, cause);
    return run.record;
  }

  /** Resolves when the execution has ended (for tests and the CLI). */
  waitForExecution(executionArn: string): Promise<ExecutionRecord> {
    return this.running(executionArn).done;
  }

  /** Executions that have not ended yet. */
  activity(): Activity {
    const busy = [...this.unfinished].map(
      (run) =>
        `states: execution ${run.record.name} of ${run.record.stateMachineArn.split(':').pop()} running`,
    );
    return { busy, moves: this.moves };
  }

  /** Resolves once every execution running now has ended. */
  async settled(): Promise<void> {
    while (this.unfinished.size > 0) await Promise.all([...this.unfinished].map((run) => run.done));
  }

  /**
   * Aborts every running execution and resolves once each has ended, so that none calls a function or
   * writes a table after the local cloud has shut down. Executions started afterwards are refused.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    // Aborted here so none calls a function after shutdown, but kept saved: the next start runs them again, as
    // after a crash (an in-memory cloud keeps nothing).
    this.keepRunningExecutionsSaved();
    const running = [...this.runs.values()].filter((run) => run.record.status === 'RUNNING');
    for (const run of running) run.stop('States.Aborted', 'The local cloud stopped');
    await Promise.all(running.map((run) => run.done));
  }

  /** Executions, newest first, optionally of one state machine and/or with one status (for the CLI). */
  executions(filter: { stateMachineArn?: string; status?: ExecutionStatus } = {}): ExecutionRecord[] {
    return [...this.runs.values()]
      .map((run) => run.record)
      .filter((record) => !filter.stateMachineArn || record.stateMachineArn === filter.stateMachineArn)
      .filter((record) => !filter.status || record.status === filter.status)
      .reverse();
  }

  private deployed(stateMachineArn: string): DeployedStateMachine {
    const machine = this.machines.get(stateMachineArn);
    if (!machine) throw notFound('StateMachineDoesNotExist', `State Machine ${stateMachineArn}`);
    return machine;
  }

  private running(executionArn: string): RunningExecution {
    const run = this.runs.get(executionArn);
    if (!run) throw notFound('ExecutionDoesNotExist', `Execution ${executionArn}`);
    return run;
  }

  private start(
    stateMachineArn: string,
    input: string,
    requestedName?: string,
    how: { sync?: boolean; traceHeader?: string } = {},
  ): RunningExecution {
    if (this.stopped)
      throw new AwsApiError(503, 'ServiceUnavailable', 'The local cloud is stopping; no execution starts');
    const name: string = requestedName ?? randomUUID();
    const machine = this.deployed(stateMachineArn);
    validateStart(input, name);
    const executionArn = this.executionArn(machine.record, name);
    const existing = this.runs.get(executionArn);
    if (existing) return reuse(existing, input);
    const record = newExecution(machine.record, executionArn, name, input, how.traceHeader);
    // Saved before StartExecution answers; a synchronous caller waits for the end, so there is nothing to keep.
    if (!how.sync) {
      this.options.pending?.add(executionArn, {
        stateMachineArn,
        name,
        input,
        startDate: record.startDate.toISOString(),
        ...(how.traceHeader ? { traceHeader: how.traceHeader } : {}),
      });
    }
    return this.launch(machine, record);
  }

  private launch(machine: DeployedStateMachine, record: ExecutionRecord): RunningExecution {
    const { executionArn } = record;
    const run = runExecution(machine, record, {
      deps: this.integrationDeps(),
      region: this.ctx.config.region,
      onHistoryEvent: (execution, event) =>
        logHistoryEvent(this.ctx.logs, machine.record.logging, execution, event),
    });
    this.runs.set(executionArn, run);
    this.unfinished.add(run);
    this.moves += 1;
    recordExecutionMetrics(this.ctx.metrics, record, 'started');
    void run.done.then((ended) => {
      this.options.pending?.done(executionArn);
      this.unfinished.delete(run);
      this.moves += 1;
      recordExecutionMetrics(this.ctx.metrics, ended, 'ended');
    });
    this.forgetOldExecutions();
    return run;
  }

  private executionArn(machine: StateMachineRecord, name: string): string {
    if (machine.type === 'EXPRESS') {
      return arnOf(this.ctx.config, 'states', `express:${machine.name}:${name}:${randomUUID()}`);
    }
    return arnOf(this.ctx.config, 'states', `execution:${machine.name}:${name}`);
  }

  private integrationDeps(): IntegrationDeps {
    return { ctx: this.ctx, model: this.options.model, dynamoDb: () => this.dynamoDb() };
  }

  private dynamoDb(): DynamoDBClient {
    this.dynamoDbClient ??=
      this.options.dynamoDb ??
      new DynamoDBClient({
        endpoint:
          this.options.dynamoDbEndpoint ?? `http://${this.ctx.config.host}:${this.ctx.config.awsPort}`,
        region: this.ctx.config.region,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
    return this.dynamoDbClient;
  }

  private forgetOldExecutions(): void {
    const limit = this.options.retainedExecutions ?? 1000;
    for (const [arn, run] of this.runs) {
      if (this.runs.size <= limit) return;
      if (run.record.status !== 'RUNNING') this.runs.delete(arn);
    }
  }
}

/** Input must be JSON and the name valid, as StartExecution checks. */
function validateStart(input: string, name: string): void {
  try {
    JSON.parse(input);
  } catch {
    throw new AwsApiError(
      400,
      'InvalidExecutionInput',
      'Invalid State Machine Execution Input: input is not valid JSON',
    );
  }
  if (!EXECUTION_NAME.test(name) || hasControlCharacter(name))
    throw new AwsApiError(400, 'InvalidName', `Invalid Name: '${name}'`);
}

/** A STANDARD execution name is idempotent while running with the same input; otherwise it is taken. */
function reuse(existing: RunningExecution, input: string): RunningExecution {
  if (existing.record.status === 'RUNNING' && existing.record.input === input) return existing;
  throw new AwsApiError(
    400,
    'ExecutionAlreadyExists',
    `Execution Already Exists: '${existing.record.executionArn}'`,
  );
}

const newExecution = (
  machine: StateMachineRecord,
  executionArn: string,
  name: string,
  input: string,
  traceHeader?: string,
): ExecutionRecord => ({
  executionArn,
  stateMachineArn: machine.stateMachineArn,
  name,
  type: machine.type,
  status: 'RUNNING',
  input,
  startDate: new Date(),
  history: [],
  ...(traceHeader ? { traceHeader } : {}),
});
