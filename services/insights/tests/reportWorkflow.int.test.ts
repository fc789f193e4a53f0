/**
 * The report state machine exactly as resources/reportWorkflow.yml defines it, run on the local cloud's Step
 * Functions engine: its Lambda functions are the workflow's own use cases (in process), the model is the local
 * cloud's Bedrock model (with its fault injection) behind the real Converse adapter, and reports are stored in
 * the real insights table on DynamoDB Local. Only the read models are an in-memory port implementation.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DescribeExecutionCommand, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LocalModel } from '@spendwise/local-cloud/bedrock/index';
import type { InvokeOutcome } from '@spendwise/local-cloud/core/ports';
import {
  type AslDefinition,
  type ExecutionRecord,
  installNode22Polyfills,
  StepFunctionsApi,
  StepFunctionsEngine,
} from '@spendwise/local-cloud/stepfunctions/index';
import { fakeCloud } from '@spendwise/local-cloud/testing/fakeCloud';
import { freshTable } from '@spendwise/test-kit';
import { parse, type Tags } from 'yaml';
import { type AskReportModelInput, askReportModel } from '../src/functions/askReportModel/askReportModel';
import { loadReportData } from '../src/functions/loadReportData/loadReportData';
import { markReportFailed } from '../src/functions/markReportFailed/markReportFailed';
import { saveReport } from '../src/functions/saveReport/saveReport';
import {
  sweepUnfinishedReports,
  UNFINISHED_AFTER_MS,
} from '../src/functions/sweepUnfinishedReports/sweepUnfinishedReports';
import { buildBedrockModel } from '../src/report/adapters/bedrockModel';
import { buildReportStore, type ReportStore } from '../src/report/adapters/reportStore';
import { checkModelAnswer } from '../src/report/domain/answer';
import { pendingReport } from '../src/report/domain/report';
import { emptyMonth, octoberAggregates, septemberAggregates } from '../src/report/testing/fixtures';
import { localBedrockClient } from './localBedrock';

installNode22Polyfills();

const cfnTags: Tags = ['GetAtt', 'Ref', 'Sub'].flatMap(
  (name) =>
    (['scalar', 'seq'] as const).map((nodeClass) => ({
      tag: `!${name}`,
      collection: nodeClass === 'scalar' ? undefined : nodeClass,
      resolve: (value: unknown) => ({ [`Fn::${name}`]: value }),
    })) as Tags,
);

export const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** Replaces `!GetAtt <function>.Arn` by a Lambda ARN that names the function, as the packaged template does. */
function resolveFunctions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolveFunctions);
  if (!node || typeof node !== 'object') return node;
  const getAtt = (node as Record<string, unknown>)['Fn::GetAtt'];
  if (typeof getAtt === 'string' && getAtt.endsWith('.Arn')) return functionArn(getAtt.slice(0, -4));
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveFunctions(value)]));
}

/** The state machine of resources/reportWorkflow.yml: its ASL definition and its type. */
export async function reportStateMachine(): Promise<{
  definition: AslDefinition;
  type: 'STANDARD' | 'EXPRESS';
}> {
  const file = new URL('../resources/reportWorkflow.yml', import.meta.url);
  const document = parse(await readFile(file, 'utf8'), { customTags: cfnTags }) as {
    stateMachines: { reportWorkflow: { definition: unknown; type?: 'STANDARD' | 'EXPRESS' } };
  };
  const machine = document.stateMachines.reportWorkflow;
  return {
    definition: resolveFunctions(machine.definition) as AslDefinition,
    type: machine.type ?? 'STANDARD',
  };
}

/** The ASL definition of resources/reportWorkflow.yml. */
export async function reportDefinition(): Promise<AslDefinition> {
  return (await reportStateMachine()).definition;
}

/**
 * A Step Functions client answered by the local engine's API (the actions the SDK would call), with the
 * SDK's timestamps as Dates.
 */
export function localStepFunctionsClient(engine: StepFunctionsEngine): SFNClient {
  const api = new StepFunctionsApi(engine);
  const dates = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(dates);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key.endsWith('Date') && typeof item === 'number' ? new Date(item * 1000) : dates(item),
      ]),
    );
  };
  const send = async (command: { constructor: { name: string }; input: unknown }) => {
    const response = await api.handle({
      service: 'states',
      protocol: 'json',
      action: command.constructor.name.replace(/Command$/, ''),
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.from(JSON.stringify(command.input)),
      http2: false,
    } as Parameters<StepFunctionsApi['handle']>[0]);
    return dates(response.body);
  };
  return { send } as unknown as SFNClient;
}

/**
 * The Lambda tasks of an execution from its history, in order: `<function>:ok` or `<function>:<error>`, one per
 * attempt, so retries show as repeated attempts.
 */
export function lambdaAttempts(execution: ExecutionRecord): string[] {
  const attempts: string[] = [];
  let current = '';
  for (const event of execution.history) {
    const details = event as Record<string, { resource?: string; error?: string } | undefined>;
    if (event.type === 'LambdaFunctionScheduled') {
      const resource = details.lambdaFunctionScheduledEventDetails?.resource ?? '';
      current = resource.slice(resource.lastIndexOf(':') + 1);
    } else if (event.type === 'LambdaFunctionSucceeded') attempts.push(`${current}:ok`);
    else if (event.type === 'LambdaFunctionFailed')
      attempts.push(`${current}:${details.lambdaFunctionFailedEventDetails?.error}`);
    else if (event.type === 'LambdaFunctionTimedOut') attempts.push(`${current}:States.Timeout`);
  }
  return attempts;
}

/** The name of the state a `…StateEntered` history event entered. */
const enteredState = (event: ExecutionRecord['history'][number]) =>
  (event.stateEnteredEventDetails as { name?: string } | undefined)?.name;

export type StepFunctions = Record<string, (input: never) => Promise<unknown>>;

/**
 * Deploys the report workflow on a local engine whose Lambda functions are `steps` (by function name).
 * Retries run 1000 times faster than on AWS.
 */
export async function localReportWorkflow(steps: StepFunctions) {
  const fake = fakeCloud();
  const model = new LocalModel(fake.cloud, { env: {} });
  fake.answers.invoke = async (ref: string, payload: unknown): Promise<InvokeOutcome> => {
    const step = steps[ref.slice(ref.lastIndexOf(':') + 1)];
    if (!step)
      return {
        ok: false,
        errorType: 'Lambda.ResourceNotFoundException',
        errorMessage: ref,
        durationMs: 1,
        coldStart: false,
      };
    try {
      return { ok: true, result: await step(payload as never), durationMs: 1, coldStart: false };
    } catch (error) {
      const failure = error as Error;
      return {
        ok: false,
        errorType: failure.name,
        errorMessage: failure.message,
        durationMs: 1,
        coldStart: false,
      };
    }
  };
  const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001 });
  const machine = engine.deploy({ name: 'spendwise-insights-test-report', ...(await reportStateMachine()) });
  const calls = () =>
    fake.recorded.invocations.map((call) => call.functionRef.slice(call.functionRef.lastIndexOf(':') + 1));
  /** Starts an execution and waits for its end (the engine's own wait: Describe* refuse EXPRESS executions). */
  const run = async (input: unknown, name?: string) => {
    const { executionArn } = await engine.startExecution(
      machine.stateMachineArn,
      JSON.stringify(input),
      name,
    );
    return engine.waitForExecution(executionArn);
  };
  return { engine, model, run, calls, stateMachineArn: machine.stateMachineArn };
}

// ---------------------------------------------------------------------------------------------------------------

const USER = 'user-1';
const now = () => new Date('2026-11-15T10:00:00Z');
let table: Awaited<ReturnType<typeof freshTable>>;
let store: ReportStore;

beforeAll(async () => {
  table = await freshTable(new URL('../resources/table.yml', import.meta.url), 'InsightsTable');
  store = buildReportStore(table.documentClient, { tableName: table.tableName, now });
});

afterAll(() => table.client.destroy());

/** The read models as the workflow sees them: a busy October, a quieter September, and nothing else. */
const loadMonthAggregates = async (userId: string, month: string) =>
  month === '2026-10'
    ? { ...octoberAggregates(), userId }
    : month === '2026-09'
      ? { ...septemberAggregates(), userId }
      : emptyMonth(userId, month);

const failMarking = async () => {
  throw new Error('the insights table is unreachable');
};

async function setUp(
  options: { loadFails?: boolean; markFails?: boolean; load?: typeof loadMonthAggregates } = {},
) {
  const metrics: { name: string; value: number }[] = [];
  const recordMetric = (name: string, value: number) => void metrics.push({ name, value });
  // The model is built lazily: the local model only exists once the workflow is deployed.
  let ask: ReturnType<typeof askReportModel> | undefined;
  const workflow = await localReportWorkflow({
    loadReportData: options.loadFails
      ? async () => {
          throw new Error('the read models are unreachable');
        }
      : loadReportData({ loadMonthAggregates: options.load ?? loadMonthAggregates }),
    askReportModel: (input: AskReportModelInput) => (ask as NonNullable<typeof ask>)(input),
    saveReport: saveReport({
      findReport: store.findReport,
      finishReport: store.finishReport,
      now,
      recordMetric,
    }),
    markReportFailed: options.markFails
      ? failMarking
      : markReportFailed({
          findReport: store.findReport,
          finishReport: store.finishReport,
          now,
          recordMetric,
        }),
  });
  ask = askReportModel({
    askModel: buildBedrockModel(localBedrockClient(workflow.model), {
      modelId: 'amazon.nova-micro-v1:0',
      timeoutMs: 2_000,
    }),
    modelId: 'amazon.nova-micro-v1:0',
    recordMetric,
  });
  return { ...workflow, metrics };
}

/** Requests a report the way POST /insights/reports does, and runs its execution to the end. */
async function requestAndRun(workflow: Awaited<ReturnType<typeof setUp>>, month = '2026-10') {
  const reportId = randomUUID();
  await store.savePendingReport(pendingReport({ userId: USER, reportId }, month, now()));
  const execution = await workflow.run(
    { userId: USER, month, reportId, correlationId: `corr-${reportId}` },
    reportId,
  );
  const report = await store.findReport({ userId: USER, reportId });
  const events = (await table.allItems())
    .filter((item) => item.type === 'Outbox' && String(item.detail).includes(reportId))
    .map((item) => ({ detailType: item.detailType, data: JSON.parse(String(item.detail)).data }));
  return { reportId, execution, report, events };
}

const modelCalls = (workflow: Awaited<ReturnType<typeof setUp>>) =>
  workflow.calls().filter((name) => name === 'askReportModel').length;

describe('the report state machine (resources/reportWorkflow.yml) on the local engine and model', () => {
  it('produces a report written by the model, valid against the answer schema', async () => {
    const workflow = await setUp();

    const { execution, report, events } = await requestAndRun(workflow);

    expect(execution.status).toBe('SUCCEEDED');
    expect(report).toMatchObject({ status: 'ready', source: 'model', modelId: 'amazon.nova-micro-v1:0' });
    expect(checkModelAnswer(report?.content).valid).toBe(true);
    expect(events).toEqual([
      { detailType: 'InsightReportReady', data: expect.objectContaining({ source: 'model' }) },
    ]);
    expect(workflow.calls()).toEqual(['loadReportData', 'askReportModel', 'saveReport']);
    // Each state entered is a billed transition: three per report written by the model (ADR 23).
    expect(
      execution.history.filter((event) => event.type.endsWith('StateEntered')).map(enteredState),
    ).toEqual(['ComputeStatistics', 'AskModel', 'SaveReport']);
  });

  it('retries a model throttled three times and then gets the report from the model', async () => {
    const workflow = await setUp();
    workflow.model.faults.set({ throttleNext: 3 });

    const { execution, report } = await requestAndRun(workflow);

    expect(report).toMatchObject({ status: 'ready', source: 'model' });
    // The execution's history: three throttled attempts of AskModel, each retried by the state machine.
    expect(lambdaAttempts(execution)).toEqual([
      'loadReportData:ok',
      'askReportModel:ModelThrottled',
      'askReportModel:ModelThrottled',
      'askReportModel:ModelThrottled',
      'askReportModel:ok',
      'saveReport:ok',
    ]);
    // The model saw four requests, the first three throttled, and the function counted the throttles.
    expect(workflow.model.requests.list().map((request) => request.fault ?? 'answered')).toEqual([
      'throttle',
      'throttle',
      'throttle',
      'answered',
    ]);
    expect(workflow.metrics.filter((metric) => metric.name === 'ModelThrottles')).toHaveLength(3);
  });

  it('falls back, flagged model-unavailable, when the model keeps throttling past the retries', async () => {
    const workflow = await setUp();
    workflow.model.faults.set({ throttleNext: 50 });

    const { report, events } = await requestAndRun(workflow);

    expect(report).toMatchObject({
      status: 'ready',
      source: 'fallback',
      fallbackReason: 'model-unavailable',
    });
    // The first call and MaxAttempts (3) retries: the Express time budget (ADR 29).
    expect(modelCalls(workflow)).toBe(4);
    expect(events[0]?.data).toMatchObject({ source: 'fallback', fallbackReason: 'model-unavailable' });
  });

  it('falls back at once, flagged model-unavailable, when the model always fails', async () => {
    const workflow = await setUp();
    workflow.model.faults.set({ failAlways: true });

    const { report } = await requestAndRun(workflow);

    expect(report).toMatchObject({ source: 'fallback', fallbackReason: 'model-unavailable' });
    expect(modelCalls(workflow)).toBe(1);
  });

  it('falls back, flagged invalid-answer, when the model answers garbage', async () => {
    const workflow = await setUp();
    workflow.model.faults.set({ malformedNext: 1 });

    const { report, events } = await requestAndRun(workflow);

    expect(report).toMatchObject({ source: 'fallback', fallbackReason: 'invalid-answer' });
    expect(checkModelAnswer(report?.content).valid).toBe(true);
    expect(events[0]?.data).toMatchObject({ source: 'fallback', fallbackReason: 'invalid-answer' });
  });

  it('does not ask the model about a month with too little data', async () => {
    const workflow = await setUp();

    const { report } = await requestAndRun(workflow, '2026-08');

    expect(report).toMatchObject({ source: 'fallback', fallbackReason: 'not-enough-data' });
    // AskModel's function decides it (ADR 23: no Choice state), and the model receives nothing.
    expect(workflow.model.requests.list()).toEqual([]);
    expect(workflow.calls()).toEqual(['loadReportData', 'askReportModel', 'saveReport']);
  });

  it('marks the report failed with InsightReportFailed when a step fails for good, and the execution fails', async () => {
    const workflow = await setUp({ loadFails: true });

    const { execution, report, events } = await requestAndRun(workflow);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('ReportFailed');
    expect(report).toMatchObject({
      status: 'failed',
      failure: { reason: 'error', message: 'the read models are unreachable' },
    });
    expect(events.map((event) => event.detailType)).toEqual(['InsightReportFailed']);
  });

  it('ends in ReportNotMarked when marking the report failed fails too, and the sweeper marks it failed', async () => {
    const workflow = await setUp({ loadFails: true, markFails: true });

    const { reportId, execution, report } = await requestAndRun(workflow);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('ReportNotMarked');
    // The first attempt and MaxAttempts (3) retries of MarkReportFailed, then the Catch.
    expect(lambdaAttempts(execution).filter((attempt) => attempt.startsWith('markReportFailed'))).toEqual(
      Array.from({ length: 4 }, () => 'markReportFailed:Error'),
    );
    expect(report?.status).toBe('pending');

    const swept = await sweeper(workflow)();

    const after = await store.findReport({ userId: USER, reportId });
    expect(swept.markedFailed).toBe(1);
    expect(after).toMatchObject({ status: 'failed', failure: { reason: 'report-unfinished' } });
    expect((await outboxOf(reportId)).map((event) => event.detailType)).toEqual(['InsightReportFailed']);
    expect(workflow.metrics).toContainEqual({ name: 'UnfinishedReportsSwept', value: swept.markedFailed });
  });

  // StopExecution refuses EXPRESS executions (here and on AWS); the engine's own stop stands for any execution that
  // ends before finishing its report (a crash, a timeout) and leaves it pending.
  it('marks failed, with one event, the report of an execution that ended early, however often the sweeper runs', async () => {
    let loading: () => void = () => {};
    const loadStarted = new Promise<void>((resolve) => {
      loading = resolve;
    });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const workflow = await setUp({
      load: async (userId, month) => {
        loading();
        await released;
        return loadMonthAggregates(userId, month);
      },
    });
    const reportId = randomUUID();
    await store.savePendingReport(pendingReport({ userId: USER, reportId }, '2026-10', now()));
    const { executionArn } = await workflow.engine.startExecution(
      workflow.stateMachineArn,
      JSON.stringify({ userId: USER, month: '2026-10', reportId, correlationId: 'corr-stop' }),
      reportId,
    );
    await loadStarted;

    workflow.engine.stopExecution(executionArn, 'OperatorStopped', 'stopped by an operator');
    const stopped = await workflow.engine.waitForExecution(executionArn);
    release();
    await sweeper(workflow)();
    await sweeper(workflow)();

    expect(stopped.status).toBe('ABORTED');
    expect(await store.findReport({ userId: USER, reportId })).toMatchObject({
      status: 'failed',
      failure: { reason: 'report-unfinished', message: expect.stringMatching(/stopped/) },
    });
    expect((await outboxOf(reportId)).map((event) => event.detailType)).toEqual(['InsightReportFailed']);
  });
});

/** A Task's longest possible time: every attempt at its full TimeoutSeconds, every retry wait at its full length. */
function taskWorstSeconds(state: Record<string, unknown>): number {
  const timeout = Number(state.TimeoutSeconds);
  let attempts = 1;
  let waits = 0;
  for (const retrier of (state.Retry as Record<string, number>[] | undefined) ?? []) {
    const maxAttempts = retrier.MaxAttempts ?? 3;
    attempts += maxAttempts;
    for (let n = 0; n < maxAttempts; n++) {
      const wait = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** n;
      waits += Math.min(wait, retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY);
    }
  }
  return attempts * timeout + waits;
}

/** The longest path's worst time from a state to the end, through Next and every Catch. */
function worstSecondsFrom(definition: AslDefinition, name: string): number {
  const state = definition.States[name] as Record<string, unknown>;
  const own = state.Type === 'Task' ? taskWorstSeconds(state) : 0;
  const next = [
    ...(typeof state.Next === 'string' ? [state.Next] : []),
    ...((state.Catch as { Next: string }[] | undefined) ?? []).map((handler) => handler.Next),
  ];
  return own + Math.max(0, ...next.map((following) => worstSecondsFrom(definition, following)));
}

describe('the report workflow as an EXPRESS state machine (ADR 29)', () => {
  it("fits every path's worst case within its TimeoutSeconds, itself well under Express's 5 minutes", async () => {
    const { definition, type } = await reportStateMachine();
    const tasks = Object.values(definition.States).filter((state) => state.Type === 'Task');

    expect(type).toBe('EXPRESS');
    // Every Task bounds its attempts (no Task waits for ever on a function).
    expect(tasks.every((task) => Number(task.TimeoutSeconds) > 0)).toBe(true);
    const worst = worstSecondsFrom(definition, definition.StartAt);
    // The arithmetic of resources/reportWorkflow.yml's header: 33 + 115 + 33 + 47.
    expect(worst).toBe(228);
    expect(worst).toBeLessThanOrEqual(Number(definition.TimeoutSeconds));
    expect(Number(definition.TimeoutSeconds)).toBeLessThanOrEqual(240);
  });

  it('runs as EXPRESS: Step Functions neither lists nor describes its executions, so nothing may wait on them', async () => {
    const workflow = await setUp();
    const client = localStepFunctionsClient(workflow.engine);

    const { reportId, execution, report } = await requestAndRun(workflow);

    expect(execution.executionArn).toContain(':express:');
    expect(report).toMatchObject({ reportId, status: 'ready' });
    await expect(
      client.send(new ListExecutionsCommand({ stateMachineArn: workflow.stateMachineArn })),
    ).rejects.toMatchObject({ code: 'StateMachineTypeNotSupported' });
    await expect(
      client.send(new DescribeExecutionCommand({ executionArn: execution.executionArn })),
    ).rejects.toMatchObject({ code: 'InvalidArn' });
  });
});

const outboxOf = async (reportId: string) =>
  (await table.allItems()).filter((item) => item.type === 'Outbox' && String(item.detail).includes(reportId));

/**
 * The sweeper as deployed, over the real table's PendingReports index, run when the reports written at `now()` are
 * just past UNFINISHED_AFTER_MS: the Step Functions APIs are not asked (they refuse EXPRESS executions).
 */
const sweeper = (workflow: Awaited<ReturnType<typeof setUp>>) =>
  sweepUnfinishedReports({
    listReportsPendingSince: store.listReportsPendingSince,
    findReport: store.findReport,
    markReportFailed: markReportFailed({
      findReport: store.findReport,
      finishReport: store.finishReport,
      now,
      recordMetric: () => {},
    }),
    now: () => new Date(now().getTime() + UNFINISHED_AFTER_MS + 60_000),
    recordMetric: (name, value) => void workflow.metrics.push({ name, value }),
  });
