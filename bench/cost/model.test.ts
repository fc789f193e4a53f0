import { describe, expect, it } from '@jest/globals';
import { transitionsOf } from './measure';
import {
  byService,
  difference,
  emptyUsage,
  expressEquivalent,
  expressGbSecondsOf,
  largest,
  median,
  priceUsage,
  totalOf,
  type Usage,
  unitsPer,
} from './model';
import { PRICES, type Prices } from './prices';

/** Round prices, so every expected figure can be worked out by hand. */
const FAKE: Prices = {
  dynamodb: { writeRequestUnit: 1, readRequestUnit: 0.1 },
  lambda: { request: 1, arm64GbSecond: 10, x86GbSecond: 20 },
  sqs: { request: 1 },
  eventbridge: { customEvent: 1, archiveGb: 100 },
  sns: { publish: 1, emailDelivery: 10, httpDelivery: 100 },
  stepfunctions: { standardTransition: 1, expressRequest: 10, expressGbSecond: 1000 },
  bedrock: { novaMicroInputToken: 1, novaMicroOutputToken: 10 },
  cloudwatch: { logIngestionGb: 1 },
  xray: { traceRecorded: 1 },
  apigateway: { httpApiRequest: 1 },
} as unknown as Prices;

const usage = (parts: Partial<Usage>): Usage => ({ ...emptyUsage(), ...parts });
const costOf = (u: Usage, scale = 1, coldStartShare = 0) =>
  priceUsage(u, FAKE, { scale, coldStartShare }).map((item) => [item.service, item.resource, item.cost]);

describe('priceUsage', () => {
  it('prices write and read units per table, refused writes at one unit each, scaled', () => {
    const table = {
      table: 'expenses',
      writeUnits: 6,
      readUnits: 2,
      base: { writeUnits: 4, readUnits: 2 },
      indexes: { GSI1: { writeUnits: 2, readUnits: 0 } },
      calls: { TransactWriteItems: 1 },
      refusedWrites: 1,
    };
    // (6 + 1) WRU × 1 + 2 RRU × 0.1 = 7.2, times 10
    expect(costOf(usage({ dynamodb: [table] }), 10)).toEqual([['DynamoDB', 'expenses', 72]]);
  });

  it('bills Lambda requests and GB-seconds from the median duration and memory, plus the cold-start share of init', () => {
    const fn = {
      name: 'createExpense',
      invocations: 3,
      billedMs: 1000 + 2000 + 60_000,
      durationsMs: [1000, 2000, 60_000],
      coldStarts: 1,
      initMs: 4000,
      memoryMb: 512,
      architecture: 'arm64' as const,
    };
    // 3 requests × 1 + 3 × (2 s median) × 0.5 GB × 10 = 3 + 30
    expect(costOf(usage({ lambda: [fn] }))).toEqual([['Lambda', 'createExpense', 33]]);
    // a quarter of the invocations pay the 4 s init: + 3 × 0.25 × 4 s × 0.5 GB × 10 = + 15
    expect(costOf(usage({ lambda: [fn] }), 1, 0.25)).toEqual([['Lambda', 'createExpense', 48]]);
    // x86_64 costs its own rate
    expect(costOf(usage({ lambda: [{ ...fn, architecture: 'x86_64' }] }))).toEqual([
      ['Lambda', 'createExpense', 63],
    ]);
  });

  it('prices queues, events, archives, topics, e-mails, logs, traces and API requests', () => {
    const gib = 1024 ** 3;
    const priced = costOf(
      usage({
        sqs: [{ queue: 'spending', sends: 2, receives: 1, deletes: 1, apiCalls: 1 }],
        eventbridge: [
          { key: 'spendwise.expenses ExpenseRecorded', bus: 'b', events: 3, bytes: 900, archived: false },
          { key: 'archive a', bus: 'b', events: 0, bytes: gib / 100, archived: true },
        ],
        sns: [{ topic: 'user-alerts', publishes: 2, emailDeliveries: 1, httpDeliveries: 0 }],
        logs: [{ logGroup: '/aws/lambda/f', events: 10, bytes: gib / 2 }],
        xray: [{ source: 'function f', traces: 4 }],
        apigateway: [{ api: 'expenses', requests: 5 }],
      }),
    );
    expect(priced).toEqual([
      ['SQS', 'spending', 5],
      ['EventBridge', 'spendwise.expenses ExpenseRecorded', 3],
      ['EventBridge', 'archive a', 1],
      ['SNS', 'user-alerts', 12],
      ['CloudWatch Logs', '/aws/lambda/f', 0.5],
      ['X-Ray', 'function f', 4],
      ['API Gateway', 'expenses HTTP API', 5],
    ]);
  });

  it('prices Standard workflows by transition and Express ones by request and GB-second', () => {
    const standard = {
      stateMachine: 'report',
      type: 'STANDARD' as const,
      executions: 2,
      transitions: 8,
      expressGbSeconds: 0.5,
    };
    expect(costOf(usage({ stepfunctions: [standard] }))).toEqual([
      ['Step Functions', 'report (standard)', 8],
    ]);
    expect(costOf(usage({ stepfunctions: [{ ...standard, type: 'EXPRESS' }] }))).toEqual([
      ['Step Functions', 'report (express)', 2 * 10 + 0.5 * 1000],
    ]);
    expect(expressEquivalent(usage({ stepfunctions: [standard] }), FAKE, 2)).toBe(4 * 10 + 1 * 1000);
  });

  it('prices model tokens, input and output apart', () => {
    const model = { model: 'amazon.nova-micro-v1:0', invocations: 1, inputTokens: 100, outputTokens: 7 };
    expect(costOf(usage({ bedrock: [model] }), 2)).toEqual([['Bedrock', 'amazon.nova-micro-v1:0', 340]]);
  });
});

describe('the arithmetic around it', () => {
  it('sums, groups by service and picks the largest items', () => {
    const items = [
      { service: 'DynamoDB', resource: 'a', quantity: '', cost: 3 },
      { service: 'Lambda', resource: 'f', quantity: '', cost: 5 },
      { service: 'DynamoDB', resource: 'b', quantity: '', cost: 4 },
    ];
    expect(totalOf(items)).toBe(12);
    expect(byService(items)).toEqual([
      { service: 'DynamoDB', cost: 7 },
      { service: 'Lambda', cost: 5 },
    ]);
    expect(largest(items, 2).map((i) => i.resource)).toEqual(['f', 'b']);
  });

  it('gives units per unit of work, per table and per index', () => {
    const u = usage({
      dynamodb: [
        {
          table: 't',
          writeUnits: 20,
          readUnits: 4,
          base: { writeUnits: 12, readUnits: 4 },
          indexes: { GSI1: { writeUnits: 8, readUnits: 0 } },
          calls: {},
          refusedWrites: 4,
        },
      ],
    });
    expect(unitsPer(u, 4)).toEqual([
      { table: 't', writeUnits: 6, readUnits: 1 },
      { table: 't', index: '(base table)', writeUnits: 3, readUnits: 1 },
      { table: 't', index: 'GSI1', writeUnits: 2, readUnits: 0 },
    ]);
  });

  it('takes the difference of two cumulative readings, keeping names and memory and only the new durations', () => {
    const fn = (invocations: number, durationsMs: number[]) => ({
      name: 'f',
      invocations,
      billedMs: durationsMs.reduce((a, b) => a + b, 0),
      durationsMs,
      coldStarts: 1,
      initMs: 100,
      memoryMb: 256,
      architecture: 'arm64' as const,
    });
    const before = usage({
      lambda: [fn(1, [5])],
      sqs: [{ queue: 'idle', sends: 1, receives: 0, deletes: 0, apiCalls: 0 }],
    });
    const after = usage({
      lambda: [fn(3, [5, 7, 9])],
      sqs: [{ queue: 'idle', sends: 1, receives: 0, deletes: 0, apiCalls: 0 }],
      logs: [{ logGroup: 'new', events: 1, bytes: 10 }],
    });
    const delta = difference(after, before);
    expect(delta.lambda).toEqual([{ ...fn(2, [7, 9]), billedMs: 16, coldStarts: 0, initMs: 0 }]);
    // A resource that did nothing in between is left out; a new one is kept whole.
    expect(delta.sqs).toEqual([]);
    expect(delta.logs).toEqual([{ logGroup: 'new', events: 1, bytes: 10 }]);
  });

  it('bills Express executions in 64 MB for each started 100 ms, and takes medians', () => {
    expect(expressGbSecondsOf(250)).toBeCloseTo(0.3 * (64 / 1024));
    expect(expressGbSecondsOf(0)).toBeCloseTo(0.1 * (64 / 1024));
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });

  it('counts Standard transitions: each state entered, and each retry of a task', () => {
    const history = [
      { type: 'ExecutionStarted' },
      { type: 'TaskStateEntered' },
      { type: 'TaskScheduled' },
      { type: 'TaskFailed' },
      { type: 'TaskScheduled' },
      { type: 'TaskSucceeded' },
      { type: 'TaskStateExited' },
      { type: 'ChoiceStateEntered' },
      { type: 'TaskStateEntered' },
      { type: 'LambdaFunctionScheduled' },
      { type: 'SucceedStateEntered' },
      { type: 'ExecutionSucceeded' },
    ];
    expect(transitionsOf(history)).toBe(4 + 1);
  });

  it('keeps one documented price per item of the issue', () => {
    // DynamoDB on-demand: 24 WRU per expense cost the issue's $15.00 per 1M expenses.
    expect(24e6 * PRICES.dynamodb.writeRequestUnit).toBeCloseTo(15.0);
    expect(PRICES.stepfunctions.standardTransition * 4000).toBeCloseTo(0.1);
  });
});
