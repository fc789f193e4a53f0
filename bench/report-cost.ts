/**
 * Cost of 1,000 AI reports (`pnpm exec tsx bench/report-cost.ts`). Prints figures only; nothing here passes or
 * fails.
 *
 * Runs the report state machine exactly as services/insights/resources/reportWorkflow.yml defines it on the local
 * cloud's Step Functions engine, with the workflow's own use cases as its Lambda functions (in process, reports
 * in memory) and the local Bedrock model behind the real Converse adapter. From each execution it counts:
 * - state transitions from the execution's history (every state entered, and every retried attempt of a Task,
 *   as Step Functions bills them);
 * - model tokens from what the model received and answered (its AWS/Bedrock InputTokenCount / OutputTokenCount:
 *   ~4 characters per token, system prompt, message and tool schema included);
 * - Lambda invocations and which of them wait for the model.
 * and prices them at us-east-1 list prices for a STANDARD and an EXPRESS workflow, with the model called from a
 * Lambda function (as defined) or by the `bedrock:invokeModel` integration (no Lambda waiting, but one more
 * transition: the Choice state such a workflow needs to skip a quiet month). See ADR 23 and ADR 29. The
 * execution runs as the definition's own type (EXPRESS since ADR 29: the engine waits for it in process, as
 * Describe/List refuse Express executions); the row of that type is marked `<- as defined`. An EXPRESS workflow
 * also writes the PendingReports index (4 WRU per requested report: the pending report's entry and its removal,
 * both in transactions), printed and added to the Express rows; `pnpm bench:cost` measures those writes.
 *
 * Durations cannot be measured locally (the local model answers at once): they are parameters, printed with the
 * figures. BENCH_REPORT_MODEL_SECONDS (default 3: Nova Micro writing ~350 tokens), BENCH_REPORT_STEP_SECONDS
 * (default 0.2: a warm Lambda step with one DynamoDB round trip).
 */
import { readFile } from 'node:fs/promises';
import { LocalModel } from '@spendwise/local-cloud/bedrock/index';
import type { InvokeOutcome } from '@spendwise/local-cloud/core/ports';
import {
  type AslDefinition,
  installNode22Polyfills,
  StepFunctionsEngine,
} from '@spendwise/local-cloud/stepfunctions/index';
import { fakeCloud } from '@spendwise/local-cloud/testing/fakeCloud';
import { parse, type Tags } from 'yaml';
import { askReportModel } from '../services/insights/src/functions/askReportModel/askReportModel';
import { loadReportData } from '../services/insights/src/functions/loadReportData/loadReportData';
import { markReportFailed } from '../services/insights/src/functions/markReportFailed/markReportFailed';
import { saveReport } from '../services/insights/src/functions/saveReport/saveReport';
import { buildBedrockModel } from '../services/insights/src/report/adapters/bedrockModel';
import { pendingReport, type Report } from '../services/insights/src/report/domain/report';
import {
  emptyMonth,
  octoberAggregates,
  septemberAggregates,
} from '../services/insights/src/report/testing/fixtures';
import { localBedrockClient } from '../services/insights/tests/localBedrock';
import { transitionsOf } from './cost/measure';
import { PRICES } from './cost/prices';

installNode22Polyfills();

const say = (line = '') => process.stdout.write(`${line}\n`);
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** The cost model's us-east-1 list prices (bench/cost/prices.ts), with the memory this bench assumes. */
const PRICE = {
  standardTransition: PRICES.stepfunctions.standardTransition,
  expressRequest: PRICES.stepfunctions.expressRequest,
  /** Billed per 100 ms, at least 64 MB (a small workflow's memory). */
  expressGbSecond: PRICES.stepfunctions.expressGbSecond,
  expressMemoryGb: 64 / 1024,
  lambdaRequest: PRICES.lambda.request,
  lambdaGbSecond: PRICES.lambda.arm64GbSecond,
  lambdaMemoryGb: 256 / 1024,
  inputToken: PRICES.bedrock.novaMicroInputToken,
  outputToken: PRICES.bedrock.novaMicroOutputToken,
};
const MODEL_SECONDS = num('BENCH_REPORT_MODEL_SECONDS', 3);
const STEP_SECONDS = num('BENCH_REPORT_STEP_SECONDS', 0.2);
const MODEL_ID = 'amazon.nova-micro-v1:0';

const cfnTags: Tags = ['GetAtt', 'Ref', 'Sub'].flatMap(
  (name) =>
    (['scalar', 'seq'] as const).map((nodeClass) => ({
      tag: `!${name}`,
      collection: nodeClass === 'scalar' ? undefined : nodeClass,
      resolve: (value: unknown) => ({ [`Fn::${name}`]: value }),
    })) as Tags,
);

/** `!GetAtt <function>.Arn` → a Lambda ARN naming the function, as in the packaged template. */
function resolveFunctions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolveFunctions);
  if (!node || typeof node !== 'object') return node;
  const getAtt = (node as Record<string, unknown>)['Fn::GetAtt'];
  if (typeof getAtt === 'string' && getAtt.endsWith('.Arn'))
    return `arn:aws:lambda:us-east-1:000000000000:function:${getAtt.slice(0, -4)}`;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveFunctions(value)]));
}

/**
 * The PendingReports index writes of one requested report on an EXPRESS workflow (ADR 29): its entry, then its
 * removal, each in a transaction (2 WRU each), as `pnpm bench:cost` measures them on DynamoDB Local. A scheduled
 * report's entry is a plain put: 3 WRU.
 */
const PENDING_INDEX_WRU = 4;

/** AskModel's retrier of the model's own errors, as defined: the waits between its attempts. */
let modelRetry = { interval: 2, rate: 2, maxDelay: Number.POSITIVE_INFINITY };

async function reportDefinition(): Promise<{ definition: AslDefinition; type: string }> {
  const file = new URL('../services/insights/resources/reportWorkflow.yml', import.meta.url);
  const document = parse(await readFile(file, 'utf8'), { customTags: cfnTags }) as {
    stateMachines: { reportWorkflow: { definition: unknown; type?: string } };
  };
  const machine = document.stateMachines.reportWorkflow;
  return {
    definition: resolveFunctions(machine.definition) as AslDefinition,
    type: machine.type ?? 'STANDARD',
  };
}

/** What one execution consumed. */
interface Usage {
  status: string;
  transitions: number;
  lambdaCalls: Record<string, number>;
  inputTokens: number;
  outputTokens: number;
  modelCalls: number;
  /** Model calls that were answered (not throttled or failed). */
  answeredCalls: number;
}

async function runScenario(
  setup: (model: LocalModel) => void,
  month: string,
  definition: { definition: AslDefinition; type: string },
): Promise<Usage> {
  const fake = fakeCloud();
  const model = new LocalModel(fake.cloud, { env: {} });
  setup(model);
  const reports = new Map<string, Report>();
  const store = {
    findReport: async ({ reportId }: { reportId: string }) => reports.get(reportId),
    finishReport: async (report: Report) => {
      if (reports.get(report.reportId)?.status !== 'pending') return 'already-final' as const;
      reports.set(report.reportId, report);
      return 'finished' as const;
    },
    now: () => new Date(),
    recordMetric: () => {},
  };
  const loadMonthAggregates = async (userId: string, wanted: string) =>
    wanted === '2026-10'
      ? { ...octoberAggregates(), userId }
      : wanted === '2026-09'
        ? { ...septemberAggregates(), userId }
        : emptyMonth(userId, wanted);
  const steps: Record<string, (input: never) => Promise<unknown>> = {
    loadReportData: loadReportData({ loadMonthAggregates }),
    askReportModel: askReportModel({
      askModel: buildBedrockModel(localBedrockClient(model), { modelId: MODEL_ID, timeoutMs: 2_000 }),
      modelId: MODEL_ID,
      recordMetric: () => {},
    }),
    saveReport: saveReport(store),
    markReportFailed: markReportFailed(store),
  };
  const lambdaCalls: Record<string, number> = {};
  fake.answers.invoke = async (ref: string, payload: unknown): Promise<InvokeOutcome> => {
    const name = ref.slice(ref.lastIndexOf(':') + 1);
    lambdaCalls[name] = (lambdaCalls[name] ?? 0) + 1;
    try {
      const result = await steps[name]!(payload as never);
      return { ok: true, result, durationMs: 1, coldStart: false };
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
  const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001, model });
  const machine = engine.deploy({
    name: 'spendwise-insights-bench-report',
    type: definition.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    definition: definition.definition,
  });
  const reportId = crypto.randomUUID();
  reports.set(reportId, pendingReport({ userId: 'user-1', reportId }, month, new Date()));
  const { executionArn } = await engine.startExecution(
    machine.stateMachineArn,
    JSON.stringify({ userId: 'user-1', month, reportId, correlationId: `bench-${reportId}` }),
    reportId,
  );
  const execution = await engine.waitForExecution(executionArn);
  const tokens = (name: string) =>
    fake.recorded.metrics
      .filter((metric) => metric.namespace === 'AWS/Bedrock' && metric.name === name)
      .reduce((sum, metric) => sum + metric.value, 0);
  return {
    status: `${execution.status} ${reports.get(reportId)?.status ?? '?'}`,
    transitions: transitionsOf(execution.history),
    lambdaCalls,
    inputTokens: tokens('InputTokenCount'),
    outputTokens: tokens('OutputTokenCount'),
    modelCalls: model.requests.list().length,
    answeredCalls: model.requests.list().filter((request) => !request.fault || request.fault === 'malformed')
      .length,
  };
}

/**
 * A `bedrock:invokeModel` Task cannot skip a quiet month by itself: a workflow without a Choice state (the function
 * decides and asks, ADR 23) would need one back for a direct model call, one more transition per report.
 */
let directModelExtraTransitions = 0;

/** A refused model call (throttled, failed) answers in about this long. */
const REFUSED_SECONDS = 0.1;

/** Dollars per 1,000 reports, by part, for one way of running the workflow. */
function price(usage: Usage, how: { express: boolean; directModel: boolean }) {
  const modelSeconds =
    usage.answeredCalls * MODEL_SECONDS + (usage.modelCalls - usage.answeredCalls) * REFUSED_SECONDS;
  const steps = Object.entries(usage.lambdaCalls).filter(([name]) => name !== 'askReportModel');
  const stepSeconds = steps.reduce((sum, [, calls]) => sum + calls * STEP_SECONDS, 0);
  const stepCalls = steps.reduce((sum, [, calls]) => sum + calls, 0);
  const askCalls = usage.lambdaCalls.askReportModel ?? 0;
  const lambdaCalls = stepCalls + (how.directModel ? 0 : askCalls);
  // An AskModel call that did not ask the model (a quiet month) is a short step like the others.
  const notAsking = Math.max(0, askCalls - usage.modelCalls) * STEP_SECONDS;
  const lambdaSeconds = stepSeconds + (how.directModel ? 0 : modelSeconds + notAsking);
  const lambda =
    lambdaCalls * PRICE.lambdaRequest + lambdaSeconds * PRICE.lambdaMemoryGb * PRICE.lambdaGbSecond;
  // AskModel's retries wait interval × rate^n (at most MaxDelaySeconds) with full jitter: half of that on average.
  const retryWaits = Array.from(
    { length: Math.max(0, askCalls - 1) },
    (_, n) => Math.min(modelRetry.maxDelay, modelRetry.interval * modelRetry.rate ** n) / 2,
  );
  const workflowSeconds =
    stepSeconds + notAsking + modelSeconds + retryWaits.reduce((sum, wait) => sum + wait, 0);
  const billedSeconds = Math.ceil(workflowSeconds * 10) / 10;
  const workflow = how.express
    ? PRICE.expressRequest +
      billedSeconds * PRICE.expressMemoryGb * PRICE.expressGbSecond +
      PENDING_INDEX_WRU * PRICES.dynamodb.writeRequestUnit
    : (usage.transitions + (how.directModel ? directModelExtraTransitions : 0)) * PRICE.standardTransition;
  const model = usage.inputTokens * PRICE.inputToken + usage.outputTokens * PRICE.outputToken;
  const per1000 = (dollars: number) => dollars * 1000;
  return {
    seconds: billedSeconds,
    workflow: per1000(workflow),
    model: per1000(model),
    lambda: per1000(lambda),
    total: per1000(workflow + model + lambda),
  };
}

const usd = (value: number) => `$${value.toFixed(4)}`;

/** AskModel's retrier of ModelThrottled in the definition: its interval, backoff rate and longest wait. */
function modelRetryOf(definition: AslDefinition): typeof modelRetry {
  type Retrier = {
    ErrorEquals: string[];
    IntervalSeconds?: number;
    BackoffRate?: number;
    MaxDelaySeconds?: number;
  };
  const askModel = definition.States.AskModel as { Retry?: Retrier[] } | undefined;
  const retrier = askModel?.Retry?.find((item) => item.ErrorEquals.includes('ModelThrottled'));
  return {
    interval: retrier?.IntervalSeconds ?? 1,
    rate: retrier?.BackoffRate ?? 2,
    maxDelay: retrier?.MaxDelaySeconds ?? Number.POSITIVE_INFINITY,
  };
}

async function main(): Promise<void> {
  const definition = await reportDefinition();
  const states = Object.values(definition.definition.States) as { Type?: string }[];
  directModelExtraTransitions = states.some((state) => state.Type === 'Choice') ? 0 : 1;
  modelRetry = modelRetryOf(definition.definition);
  say(`Report workflow as defined (type ${definition.type}), local engine and local model (${MODEL_ID}).`);
  say(`Assumed durations: model call ${MODEL_SECONDS} s, other Lambda steps ${STEP_SECONDS} s each.`);
  say(
    `Express rows include the PendingReports index: ${PENDING_INDEX_WRU} WRU per report, ` +
      `${usd(PENDING_INDEX_WRU * PRICES.dynamodb.writeRequestUnit * 1000)} per 1,000.`,
  );
  const scenarios: [string, (model: LocalModel) => void, string][] = [
    ['model answers', () => {}, '2026-10'],
    ['model throttled twice, then answers', (model) => model.faults.set({ throttleNext: 2 }), '2026-10'],
    ['not enough data (no model call)', () => {}, '2026-12'],
    ['model fails (fallback)', (model) => model.faults.set({ failAlways: true }), '2026-10'],
  ];
  for (const [name, setup, month] of scenarios) {
    const usage = await runScenario(setup, month, definition);
    say();
    say(
      `${name}: ${usage.status}; ${usage.transitions} transitions; Lambda ${JSON.stringify(usage.lambdaCalls)}; ` +
        `${usage.modelCalls} model call(s), ${usage.inputTokens} input + ${usage.outputTokens} output tokens`,
    );
    say('  per 1,000 reports            workflow   model      Lambda     total      (execution)');
    for (const express of [false, true]) {
      for (const directModel of [false, true]) {
        const cost = price(usage, { express, directModel });
        const label = `${express ? 'EXPRESS ' : 'STANDARD'} ${directModel ? 'bedrock:invokeModel' : 'Lambda calls model '}`;
        const asDefined =
          !directModel && (definition.type === 'EXPRESS') === express ? '  <- as defined' : '';
        say(
          `  ${label}  ${usd(cost.workflow).padEnd(9)}  ${usd(cost.model).padEnd(9)}  ${usd(cost.lambda).padEnd(9)}  ${usd(cost.total).padEnd(9)}  ${cost.seconds.toFixed(1)} s${asDefined}`,
        );
      }
    }
  }
}

await main();
