/**
 * The cost model's arithmetic, pure: what one measured run used (per service and resource), scaled linearly to a
 * target volume and priced with `PRICES`. `bench/cost.ts` measures, this prices and formats.
 */
import { BYTES_PER_GB, type Prices } from './prices';

export interface Units {
  readUnits: number;
  writeUnits: number;
}

/** What one run (one phase of it: recording expenses, or reports) used, as measured on the local cloud. */
export interface Usage {
  /** Capacity units per table (its base table and its indexes), from DynamoDB's ConsumedCapacity. */
  dynamodb: Array<
    Units & {
      table: string;
      base: Units;
      indexes: Record<string, Units>;
      calls: Record<string, number>;
      /** Writes refused by a condition: billed by AWS, priced here at one write unit each (their minimum). */
      refusedWrites: number;
    }
  >;
  /** Per function, from its REPORT lines. */
  lambda: Array<{
    name: string;
    invocations: number;
    /** Sum of the invocations' durations, each rounded up to the millisecond, without init. */
    billedMs: number;
    /** Each invocation's billed duration without init, in the order they ran (the median is priced). */
    durationsMs: number[];
    coldStarts: number;
    /** Sum of the init durations of the cold starts. */
    initMs: number;
    memoryMb: number;
    architecture: 'arm64' | 'x86_64';
  }>;
  /** Requests per queue, each already counted in 64 KB chunks. */
  sqs: Array<{ queue: string; sends: number; receives: number; deletes: number; apiCalls: number }>;
  /** Events put on a bus, per source and detail type, in 64 KB chunks, with their bytes. */
  eventbridge: Array<{ key: string; bus: string; events: number; bytes: number; archived: boolean }>;
  sns: Array<{ topic: string; publishes: number; emailDeliveries: number; httpDeliveries: number }>;
  stepfunctions: Array<{
    stateMachine: string;
    type: 'STANDARD' | 'EXPRESS';
    executions: number;
    transitions: number;
    /** What the same executions would bill as an Express workflow (64 MB, 100 ms rounding). */
    expressGbSeconds: number;
  }>;
  bedrock: Array<{ model: string; invocations: number; inputTokens: number; outputTokens: number }>;
  /** Log events per log group, bytes counted as CloudWatch Logs meters them (message + 26 bytes). */
  logs: Array<{ logGroup: string; events: number; bytes: number }>;
  /** Traces recorded per entry point (a traced function invoked on its own, a traced workflow's execution). */
  xray: Array<{ source: string; traces: number }>;
  apigateway: Array<{ api: string; requests: number }>;
}

export const emptyUsage = (): Usage => ({
  dynamodb: [],
  lambda: [],
  sqs: [],
  eventbridge: [],
  sns: [],
  stepfunctions: [],
  bedrock: [],
  logs: [],
  xray: [],
  apigateway: [],
});

/** One priced line: what a resource uses at the target volume, and what it costs. */
export interface LineItem {
  service: string;
  resource: string;
  /** What is counted, at the target volume (e.g. "24.0M WRU, 1.2M RRU"). */
  quantity: string;
  cost: number;
}

export interface PricingOptions {
  /** Target volume over measured volume (1e6 / expenses recorded, 1e3 / reports). */
  scale: number;
  /**
   * Share of invocations that start a new execution environment at the target volume (their init is billed). The
   * measured run starts every environment cold, which a steady month does not.
   */
  coldStartShare: number;
}

/** Prices a phase's usage at `scale` times its volume. */
export function priceUsage(usage: Usage, prices: Prices, options: PricingOptions): LineItem[] {
  return PRICERS.flatMap((price) => price(usage, prices, options));
}

function dynamodbItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const table of usage.dynamodb) {
    const wru = (table.writeUnits + table.refusedWrites) * scale;
    const rru = table.readUnits * scale;
    items.push({
      service: 'DynamoDB',
      resource: table.table,
      quantity: `${count(wru)} WRU, ${count(rru)} RRU`,
      cost: wru * prices.dynamodb.writeRequestUnit + rru * prices.dynamodb.readRequestUnit,
    });
  }
  return items;
}

function lambdaItems(usage: Usage, prices: Prices, { scale, coldStartShare }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const fn of usage.lambda) {
    if (fn.invocations === 0) continue;
    const invocations = fn.invocations * scale;
    const typicalMs = median(fn.durationsMs) ?? fn.billedMs / fn.invocations;
    const meanInitMs = fn.coldStarts > 0 ? fn.initMs / fn.coldStarts : 0;
    const billedMs = invocations * (typicalMs + coldStartShare * meanInitMs);
    const gbSeconds = (billedMs / 1000) * (fn.memoryMb / 1024);
    const perGbSecond = fn.architecture === 'arm64' ? prices.lambda.arm64GbSecond : prices.lambda.x86GbSecond;
    items.push({
      service: 'Lambda',
      resource: fn.name,
      quantity: `${count(invocations)} req, ${count(gbSeconds)} GB-s (${fn.memoryMb} MB, median ${typicalMs.toFixed(0)} ms)`,
      cost: invocations * prices.lambda.request + gbSeconds * perGbSecond,
    });
  }
  return items;
}

function sqsItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const queue of usage.sqs) {
    const requests = (queue.sends + queue.receives + queue.deletes + queue.apiCalls) * scale;
    if (requests === 0) continue;
    items.push({
      service: 'SQS',
      resource: queue.queue,
      quantity: `${count(requests)} requests`,
      cost: requests * prices.sqs.request,
    });
  }
  return items;
}

function eventbridgeItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const entry of usage.eventbridge) {
    const events = entry.events * scale;
    const archivedGb = entry.archived ? (entry.bytes * scale) / BYTES_PER_GB : 0;
    items.push({
      service: 'EventBridge',
      resource: entry.key,
      quantity: `${count(events)} events${entry.archived ? `, ${gb(archivedGb)} archived` : ''}`,
      cost: events * prices.eventbridge.customEvent + archivedGb * prices.eventbridge.archiveGb,
    });
  }
  return items;
}

function snsItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const topic of usage.sns) {
    const publishes = topic.publishes * scale;
    const emails = topic.emailDeliveries * scale;
    const https = topic.httpDeliveries * scale;
    items.push({
      service: 'SNS',
      resource: topic.topic,
      quantity: `${count(publishes)} publishes, ${count(emails)} e-mails, ${count(https)} HTTP`,
      cost:
        publishes * prices.sns.publish + emails * prices.sns.emailDelivery + https * prices.sns.httpDelivery,
    });
  }
  return items;
}

function stepFunctionsItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const machine of usage.stepfunctions) {
    const executions = machine.executions * scale;
    const transitions = machine.transitions * scale;
    const gbSeconds = machine.expressGbSeconds * scale;
    const cost =
      machine.type === 'STANDARD'
        ? transitions * prices.stepfunctions.standardTransition
        : executions * prices.stepfunctions.expressRequest + gbSeconds * prices.stepfunctions.expressGbSecond;
    items.push({
      service: 'Step Functions',
      resource: `${machine.stateMachine} (${machine.type.toLowerCase()})`,
      quantity:
        machine.type === 'STANDARD'
          ? `${count(executions)} executions, ${count(transitions)} transitions`
          : `${count(executions)} requests, ${count(gbSeconds)} GB-s`,
      cost,
    });
  }
  return items;
}

function bedrockItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const model of usage.bedrock) {
    const input = model.inputTokens * scale;
    const output = model.outputTokens * scale;
    items.push({
      service: 'Bedrock',
      resource: model.model,
      quantity: `${count(input)} input + ${count(output)} output tokens`,
      cost: input * prices.bedrock.novaMicroInputToken + output * prices.bedrock.novaMicroOutputToken,
    });
  }
  return items;
}

function logsItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const group of usage.logs) {
    const ingested = (group.bytes * scale) / BYTES_PER_GB;
    items.push({
      service: 'CloudWatch Logs',
      resource: group.logGroup,
      quantity: `${gb(ingested)} ingested (${count(group.events * scale)} events)`,
      cost: ingested * prices.cloudwatch.logIngestionGb,
    });
  }
  return items;
}

function xrayItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const source of usage.xray) {
    const traces = source.traces * scale;
    items.push({
      service: 'X-Ray',
      resource: source.source,
      quantity: `${count(traces)} traces`,
      cost: traces * prices.xray.traceRecorded,
    });
  }
  return items;
}

function apiGatewayItems(usage: Usage, prices: Prices, { scale }: PricingOptions): LineItem[] {
  const items: LineItem[] = [];
  for (const api of usage.apigateway) {
    const requests = api.requests * scale;
    items.push({
      service: 'API Gateway',
      resource: `${api.api} HTTP API`,
      quantity: `${count(requests)} requests`,
      cost: requests * prices.apigateway.httpApiRequest,
    });
  }
  return items;
}

const PRICERS = [
  dynamodbItems,
  lambdaItems,
  sqsItems,
  eventbridgeItems,
  snsItems,
  stepFunctionsItems,
  bedrockItems,
  logsItems,
  xrayItems,
  apiGatewayItems,
];

/** The middle value (the mean of the two middle ones), undefined for none. */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** What the same Standard executions would cost as an Express workflow (requests + duration). */
export function expressEquivalent(usage: Usage, prices: Prices, scale: number): number {
  return usage.stepfunctions
    .filter((machine) => machine.type === 'STANDARD')
    .reduce(
      (sum, machine) =>
        sum +
        machine.executions * scale * prices.stepfunctions.expressRequest +
        machine.expressGbSeconds * scale * prices.stepfunctions.expressGbSecond,
      0,
    );
}

/** Express billing of one execution: 64 MB, its duration rounded up to the next 100 ms. */
export function expressGbSecondsOf(durationMs: number, memoryMb = 64): number {
  return (Math.ceil(Math.max(durationMs, 1) / 100) / 10) * (memoryMb / 1024);
}

/** Cost per service, largest first. */
export function byService(items: LineItem[]): Array<{ service: string; cost: number }> {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.service, (totals.get(item.service) ?? 0) + item.cost);
  return [...totals.entries()].map(([service, cost]) => ({ service, cost })).sort((a, b) => b.cost - a.cost);
}

export const totalOf = (items: LineItem[]) => items.reduce((sum, item) => sum + item.cost, 0);

/** The `n` costliest lines. */
export const largest = (items: LineItem[], n: number) =>
  [...items].sort((a, b) => b.cost - a.cost).slice(0, n);

/** Write and read units per recorded unit of work (an expense, a report), per table and index. */
export function unitsPer(
  usage: Usage,
  per: number,
): Array<{ table: string; index?: string; writeUnits: number; readUnits: number }> {
  const rows: Array<{ table: string; index?: string; writeUnits: number; readUnits: number }> = [];
  for (const table of usage.dynamodb) {
    rows.push({
      table: table.table,
      writeUnits: (table.writeUnits + table.refusedWrites) / per,
      readUnits: table.readUnits / per,
    });
    rows.push({
      table: table.table,
      index: '(base table)',
      writeUnits: table.base.writeUnits / per,
      readUnits: table.base.readUnits / per,
    });
    for (const [index, units] of Object.entries(table.indexes))
      rows.push({
        table: table.table,
        index,
        writeUnits: units.writeUnits / per,
        readUnits: units.readUnits / per,
      });
  }
  return rows;
}

/** What was used between two cumulative readings (`after` minus `before`), resource by resource. */
export function difference(after: Usage, before: Usage): Usage {
  const minus = <T extends object>(rows: T[], earlier: T[], key: keyof T): T[] => {
    const old = new Map(earlier.map((row) => [row[key], row]));
    return rows
      .map((row) => subtractRow(row, old.get(row[key])))
      .filter((row) =>
        Object.entries(row).some(
          ([name, value]) => name !== 'memoryMb' && typeof value === 'number' && value !== 0,
        ),
      );
  };
  return {
    dynamodb: minus(after.dynamodb, before.dynamodb, 'table'),
    lambda: minus(after.lambda, before.lambda, 'name'),
    sqs: minus(after.sqs, before.sqs, 'queue'),
    eventbridge: minus(after.eventbridge, before.eventbridge, 'key'),
    sns: minus(after.sns, before.sns, 'topic'),
    stepfunctions: minus(after.stepfunctions, before.stepfunctions, 'stateMachine'),
    bedrock: minus(after.bedrock, before.bedrock, 'model'),
    logs: minus(after.logs, before.logs, 'logGroup'),
    xray: minus(after.xray, before.xray, 'source'),
    apigateway: minus(after.apigateway, before.apigateway, 'api'),
  };
}

/**
 * `row` minus `earlier`, field by field: counters are subtracted (nested records of counters too), lists (which only
 * grow) lose the items `earlier` had, everything else (names, memory sizes, flags) is kept from `row`.
 */
function subtractRow<T>(row: T, earlier: T | undefined): T {
  if (earlier === undefined) return row;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row as Record<string, unknown>)) {
    const old = (earlier as Record<string, unknown>)[name];
    if (name === 'memoryMb') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.slice(Array.isArray(old) ? old.length : 0);
    else if (typeof value === 'number') out[name] = value - (typeof old === 'number' ? old : 0);
    else if (value && typeof value === 'object' && !Array.isArray(value))
      out[name] = subtractRow(value, (old ?? {}) as typeof value);
    else out[name] = value;
  }
  return out as T;
}

/** 1234567 → "1.23M", 2500 → "2.50k", 12.5 → "12.5". */
export function count(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(2)}k`;
  if (abs === 0) return '0';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export const gb = (value: number) =>
  value >= 0.1 ? `${value.toFixed(2)} GB` : `${(value * 1024).toFixed(1)} MB`;

export const usd = (value: number) => `$${value < 0.01 && value > 0 ? value.toFixed(4) : value.toFixed(2)}`;

/** The priced lines as a table, grouped by service (costliest service first), with each service's subtotal. */
export function formatTable(items: LineItem[]): string[] {
  const width = Math.min(60, Math.max(8, ...items.map((item) => item.resource.length)));
  const lines: string[] = [];
  for (const { service, cost } of byService(items)) {
    lines.push(`  ${service.padEnd(width + 2)} ${usd(cost).padStart(9)}`);
    for (const item of items.filter((i) => i.service === service).sort((a, b) => b.cost - a.cost))
      lines.push(
        `    ${item.resource.slice(0, width).padEnd(width)} ${usd(item.cost).padStart(9)}  ${item.quantity}`,
      );
  }
  return lines;
}
