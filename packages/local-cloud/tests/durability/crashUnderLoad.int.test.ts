/**
 * The local cloud survives being killed: the real `spendwise-local start` runs as a child process (own data folder,
 * free ports), expenses are recorded through POST /expenses under a steady load, and the whole process group is
 * SIGKILLed at random moments (no shutdown hook runs), then started again, several times. At the end every
 * acknowledged expense must be readable and counted in the insights read models: nothing the system said yes to is
 * lost in a queue, a pending bus delivery or an interrupted consumer, and nothing redelivered is counted twice.
 * DynamoDB Local runs in its own process group and ends in order when the local cloud goes, as a managed table
 * outlives a crash of the functions (killedStarter.int.test.ts: a SIGKILL of its JVM would lose acknowledged
 * writes, which is what made this test fail now and then: 182 of 183, then 63 of 64 expenses read back).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand, paginateQuery } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from '@jest/globals';
import { demoCalendar } from '../../../../scripts/demo/calendar';
import { buildClient, type SpendwiseClient } from '../../../../scripts/demo/client';
import { control } from '../../src/cli/control';
import { type EndpointsFile, readEndpoints } from '../../src/cli/endpointsFile';
import { READY_LINE } from '../../src/cli/start';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'packages/local-cloud/bin/local-cloud.mjs');

/** Kills under load, then one last start that must converge. */
const KILLS = 3;
/** Requests started per second, and at most this many at once (loopback only, bounded). */
const RATE_PER_SECOND = 8;
const MAX_IN_FLIGHT = 6;
/**
 * Visibility timeouts at 0.2 of AWS's: the spending queue's 180 s become 36 s, still above the consumer's 30 s
 * timeout, so a message in flight at the kill comes back only once its Powertools "in progress" record has expired.
 */
const QUEUE_TIME_SCALE = 0.2;
/** Generous for a loaded 2-core CI: a start (JVM, workers) can take a minute there. */
const START_TIMEOUT_MS = 240_000;
const CONVERGE_TIMEOUT_MS = 300_000;
const CATEGORIES = ['groceries', 'dining', 'transport', 'utilities'] as const;

interface Planned {
  key: string;
  body: {
    amount: { minorUnits: number; currency: 'EUR' };
    date: string;
    categoryId: string;
    merchant: string;
  };
}

interface Acknowledged extends Planned {
  expenseId: string;
}

/** One `spendwise-local start` in its own process group. */
class CloudProcess {
  private output = '';
  private errors = '';
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.errors = (this.errors + chunk.toString()).slice(-4_000);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static spawn(dataDir: string): CloudProcess {
    const args = ['start', '--port', '0', '--api-port', '0', '--web-port', '0', '--data-dir', dataDir];
    const child = spawn(process.execPath, [BIN, ...args, '--queue-time-scale', String(QUEUE_TIME_SCALE)], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // DynamoDB Local's JVM may take longer than its usual 30 s to answer on a loaded CI machine.
      env: { ...process.env, FORCE_COLOR: '0', SPENDWISE_DYNAMODB_READY_TIMEOUT_MS: '150000' },
    });
    return new CloudProcess(child);
  }

  /** Resolves once the ready line is printed; rejects with the end of stderr if the process exits first. */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    while (!this.output.includes(READY_LINE)) {
      if (exited) throw new Error(`spendwise-local exited before it was ready:\n${this.errors}`);
      if (Date.now() > deadline)
        throw new Error(`spendwise-local not ready in ${timeoutMs} ms:\n${this.errors}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The crash: SIGKILL to the whole process group (the local cloud, DynamoDB Local's JVM, function workers). */
  async kill(): Promise<void> {
    try {
      process.kill(-(this.child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
    await this.exited;
  }

  get startupLines(): string {
    return this.errors;
  }
}

/** Starts the local cloud on `dataDir` (again after a crash), retrying a start the loaded machine did not make. */
async function startCloud(dataDir: string): Promise<{ cloud: CloudProcess; endpoints: EndpointsFile }> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const cloud = CloudProcess.spawn(dataDir);
    try {
      await cloud.ready(START_TIMEOUT_MS);
      return { cloud, endpoints: await readEndpoints(dataDir) };
    } catch (error) {
      lastError = error;
      await cloud.kill();
    }
  }
  throw lastError;
}

/** Steady POST /expenses at RATE_PER_SECOND until stopped; each answer is a 201, or unknown (the process died). */
class Load {
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly running: Promise<void>;

  constructor(
    private readonly client: SpendwiseClient,
    private readonly next: () => Planned,
    private readonly acknowledged: (planned: Planned, expenseId: string) => void,
    private readonly unknown: (planned: Planned) => void,
  ) {
    this.running = this.run();
  }

  private async run(): Promise<void> {
    const interval = 1000 / RATE_PER_SECOND;
    while (!this.stopped) {
      if (this.inFlight.size < MAX_IN_FLIGHT) {
        const request = this.send(this.next()).finally(() => this.inFlight.delete(request));
        this.inFlight.add(request);
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    await Promise.all(this.inFlight);
  }

  private async send(planned: Planned): Promise<void> {
    const answer = await post(this.client, planned);
    if (answer) this.acknowledged(planned, answer);
    else this.unknown(planned);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}

/** POST /expenses with the planned Idempotency-Key: the expense id on 201, undefined when the outcome is unknown. */
async function post(client: SpendwiseClient, planned: Planned): Promise<string | undefined> {
  try {
    const response = await client.call<{ expenseId?: string }>(
      'expenses',
      'POST',
      '/expenses',
      planned.body,
      {
        'idempotency-key': planned.key,
      },
    );
    if (response.status === 201 && response.body?.expenseId) return response.body.expenseId;
    if (response.status >= 500) return undefined;
    throw new Error(`POST /expenses answered ${response.status}: ${JSON.stringify(response.body)}`);
  } catch (error) {
    // fetch failed (undici's TypeError, from another realm than the test's): the connection died with the process.
    if ((error as Error)?.name === 'TypeError') return undefined;
    throw error;
  }
}

async function clientFor(dataDir: string, endpoints: EndpointsFile, user: string) {
  const { token } = await control<{ token: string }>(dataDir, 'POST', 'token', { user });
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  return { client: buildClient(endpoints.apis, token), userId: claims.sub as string };
}

interface Summary {
  totals: { categoryId: string; currency: string; minorUnits: number; count: number }[];
  daily: { date: string; currency: string; minorUnits: number; count: number }[];
}

function expectedTotals(expenses: Acknowledged[]) {
  const byCategory = new Map<string, { minorUnits: number; count: number }>();
  const byDay = new Map<string, { minorUnits: number; count: number }>();
  for (const { body } of expenses) {
    for (const [map, key] of [
      [byCategory, body.categoryId],
      [byDay, body.date],
    ] as const) {
      const seen = map.get(key) ?? { minorUnits: 0, count: 0 };
      map.set(key, { minorUnits: seen.minorUnits + body.amount.minorUnits, count: seen.count + 1 });
    }
  }
  return {
    categories: Object.fromEntries([...byCategory].sort(([a], [b]) => a.localeCompare(b))),
    days: Object.fromEntries([...byDay].sort(([a], [b]) => a.localeCompare(b))),
  };
}

function actualTotals(summary: Summary) {
  const pick = (rows: { minorUnits: number; count: number }[], keyOf: (i: number) => string) =>
    Object.fromEntries(
      rows
        .map((row, i) => [keyOf(i), { minorUnits: row.minorUnits, count: row.count }] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  const eur = {
    totals: summary.totals.filter((t) => t.currency === 'EUR'),
    daily: summary.daily.filter((d) => d.currency === 'EUR'),
  };
  return {
    categories: pick(eur.totals, (i) => eur.totals[i]?.categoryId ?? ''),
    days: pick(eur.daily, (i) => eur.daily[i]?.date ?? ''),
  };
}

/** Lines a function logged, over every log file of the data folder whose log group matches. */
function countLogLines(dataDir: string, group: RegExp, line: string): number {
  const dir = join(dataDir, 'logs');
  let count = 0;
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    if (!group.test(file)) continue;
    count += readFileSync(join(dir, file), 'utf8').split(line).length - 1;
  }
  return count;
}

/**
 * The expenses insights holds a state of for `userId` (its table, `EXPENSE#<id>` items): each event is applied
 * through a version guard, so an expense redelivered after a kill has one state, and one the consumer never
 * applied has none.
 */
async function insightsExpenseStates(endpoints: EndpointsFile, userId: string): Promise<string[]> {
  const db = new DynamoDBClient({
    endpoint: endpoints.awsEndpoint,
    region: endpoints.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { TableNames = [] } = await db.send(new ListTablesCommand({}));
    const table = TableNames.find((name) => /-insights$/.test(name));
    if (!table) throw new Error(`No insights table among ${TableNames.join(', ')}`);
    const ids: string[] = [];
    const query = {
      TableName: table,
      KeyConditionExpression: 'PK = :user AND begins_with(SK, :expense)',
      ExpressionAttributeValues: { ':user': { S: `USER#${userId}` }, ':expense': { S: 'EXPENSE#' } },
    };
    for await (const page of paginateQuery({ client: db }, query))
      for (const item of page.Items ?? []) ids.push((item.SK?.S ?? '').slice('EXPENSE#'.length));
    return ids.sort();
  } finally {
    db.destroy();
  }
}

/** What the test asked the API for and what it answered: acknowledged, or unknown until retried. */
class Ledger {
  readonly acknowledged = new Map<string, Acknowledged>();
  private unknown: Planned[] = [];
  planned = 0;
  cutOff = 0;

  constructor(private readonly calendar: ReturnType<typeof demoCalendar>) {}

  readonly plan = (): Planned => {
    this.planned++;
    const pick = <T>(values: readonly T[]) => values[Math.floor(Math.random() * values.length)] as T;
    return {
      key: `crash-${randomUUID()}`,
      body: {
        amount: { minorUnits: 100 + Math.floor(Math.random() * 9_900), currency: 'EUR' },
        date: this.calendar.current(1 + Math.floor(Math.random() * 28)),
        categoryId: pick(CATEGORIES),
        merchant: `Shop ${Math.floor(Math.random() * 20)}`,
      },
    };
  };

  readonly ack = (planned: Planned, expenseId: string) => {
    this.acknowledged.set(planned.key, { ...planned, expenseId });
  };

  readonly lost = (planned: Planned) => {
    this.cutOff++;
    this.unknown.push(planned);
  };

  /** A request cut off by a kill has an unknown outcome: a client retries it with the same Idempotency-Key. */
  async retryUnknown(client: SpendwiseClient): Promise<void> {
    const retry = this.unknown;
    this.unknown = [];
    for (const planned of retry) {
      const expenseId = await post(client, planned);
      if (!expenseId) throw new Error('POST /expenses failed on a running local cloud');
      this.ack(planned, expenseId);
    }
  }
}

/** Polls the month's summary until it adds up to `expected` or the deadline passes; returns the last one. */
async function converge(client: SpendwiseClient, month: string, expected: unknown): Promise<Summary> {
  const deadline = Date.now() + CONVERGE_TIMEOUT_MS;
  for (;;) {
    const summary = await client.expect<Summary>(200, 'insights', 'GET', `/insights/summary?month=${month}`);
    if (JSON.stringify(actualTotals(summary)) === JSON.stringify(expected) || Date.now() > deadline) {
      return summary;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * How many of the expenses GET /expenses/{id} returns. Only an answer says whether an expense is there: a 5xx or
 * a dropped connection (a throttled or cold-starting function on a loaded machine) is asked again, so that a
 * transient failure to serve is never counted as a lost expense; one that never answers fails the test.
 */
async function readBack(client: SpendwiseClient, expenses: Acknowledged[]): Promise<number> {
  let found = 0;
  for (const { expenseId } of expenses) {
    for (let attempt = 1; ; attempt++) {
      const response = await client
        .call<{ expenseId: string }>('expenses', 'GET', `/expenses/${expenseId}`)
        .catch((error: Error) => ({ status: 0, body: { expenseId: '' }, error }));
      if (response.status > 0 && response.status < 500) {
        if (response.status === 200 && response.body.expenseId === expenseId) found++;
        break;
      }
      if (attempt === 8)
        throw new Error(`GET /expenses/${expenseId} answered ${response.status} ${attempt} times`);
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
  return found;
}

const dataDir = mkdtempSync(join(tmpdir(), 'spendwise-crash-'));
let current: CloudProcess | undefined;

afterAll(async () => {
  await current?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local cloud killed under load', () => {
  it(
    `keeps every acknowledged expense through ${KILLS} SIGKILLs and counts each once in the insights read models`,
    async () => {
      const calendar = demoCalendar(new Date());
      const user = `crash-${randomUUID().slice(0, 8)}`;
      const ledger = new Ledger(calendar);
      const killedAfterMs: number[] = [];
      const restoredLines: string[] = [];
      let userId: string | undefined;

      for (let round = 0; round <= KILLS; round++) {
        const started = await startCloud(dataDir);
        current = started.cloud;
        restoredLines.push(...started.cloud.startupLines.split('\n').filter((l) => l.startsWith('taken up')));
        const session = await clientFor(dataDir, started.endpoints, user);
        // The same user after every restart (the token's sub is stable), or the read models would be someone else's.
        userId ??= session.userId;
        expect(session.userId).toBe(userId);
        await ledger.retryUnknown(session.client);
        const load = new Load(session.client, ledger.plan, ledger.ack, ledger.lost);
        const loadFor = round < KILLS ? 3_000 + Math.floor(Math.random() * 5_000) : 3_000;
        await new Promise((resolve) => setTimeout(resolve, loadFor));
        if (round < KILLS) {
          killedAfterMs.push(loadFor);
          await started.cloud.kill();
        }
        await load.stop();
      }
      const endpoints = await readEndpoints(dataDir);
      const { client } = await clientFor(dataDir, endpoints, user);
      await ledger.retryUnknown(client);

      // Everything the API acknowledged, and only that, must be in the read models once the system has converged.
      const expenses = [...ledger.acknowledged.values()];
      const expected = expectedTotals(expenses);
      const counted = actualTotals(await converge(client, calendar.currentMonth, expected));
      const found = await readBack(client, expenses);
      const states = await insightsExpenseStates(endpoints, userId as string);
      const report = {
        planned: ledger.planned,
        acknowledged: expenses.length,
        cutOffByKillsAndRetried: ledger.cutOff,
        readBack: found,
        countedInMonthlyTotals: Object.values(counted.categories).reduce((sum, c) => sum + c.count, 0),
        countedInDailySeries: Object.values(counted.days).reduce((sum, c) => sum + c.count, 0),
        expenseStatesInInsights: states.length,
        duplicatesAbsorbed: countLogLines(dataDir, /applySpendingEvent/, 'Duplicate event skipped'),
        killedAfterMs,
        restoredLines,
      };
      process.stdout.write(`crash under load: ${JSON.stringify(report, null, 2)}\n`);

      expect(found).toBe(expenses.length);
      expect(counted).toEqual(expected);
      // Consumers killed mid-batch applied their events once after: one state per acknowledged expense, no other.
      expect(states).toEqual(expenses.map((e) => e.expenseId).sort());
    },
    20 * 60_000,
  );
});
