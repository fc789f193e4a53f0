/**
 * `pnpm load`: drives Spendwise's request mix at a fixed arrival rate (open loop) against the local cloud or a
 * deployed stage, prints throughput and latency per route and errors by status and code, then checks that the
 * system is consistent afterwards. Exits 1 when the consistency check fails. See docs/load.md.
 *
 *   pnpm load --rate 100 --duration 60 --users 20
 *   pnpm load --target https://app.example.com/api --token-command "./get-token.sh" --rate 20
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runArrivals } from './arrivals';
import { type Acknowledged, checkConsistency } from './consistency';
import { type PlannedRequest, planner, ROUTES, randomSource, type SentExpense } from './mix';
import { errorCodeOf, formatStats, RouteStats } from './stats';
import { resolveTarget, type Target } from './target';

const USAGE = `usage: pnpm load [--rate <req/s>] [--duration <s>] [--users <n>] [--target local|<url>|expenses=<url>,...]
                 [--data-dir .local-cloud] [--token-command "<cmd>"] [--currency EUR] [--seed <n>]
                 [--timeout <s>] [--settle-timeout <s>]`;

const say = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

function options() {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '50' },
      duration: { type: 'string', default: '30' },
      users: { type: 'string', default: '20' },
      target: { type: 'string', default: 'local' },
      'data-dir': { type: 'string', default: '.local-cloud' },
      'token-command': { type: 'string' },
      currency: { type: 'string', default: 'EUR' },
      seed: { type: 'string' },
      timeout: { type: 'string', default: '35' },
      'settle-timeout': { type: 'string', default: '900' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    say(USAGE);
    process.exit(0);
  }
  const positive = (name: string, value: string) => {
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0)
      throw new Error(`--${name} must be a positive number\n${USAGE}`);
    return number;
  };
  return {
    rate: positive('rate', values.rate),
    durationSeconds: positive('duration', values.duration),
    users: Math.floor(positive('users', values.users)),
    target: values.target,
    dataDir: values['data-dir'],
    tokenCommand: values['token-command'],
    currency: values.currency,
    seed: values.seed === undefined ? randomBytes(4).readUInt32LE() : Number(values.seed),
    timeoutMs: positive('timeout', values.timeout) * 1000,
    settleTimeoutMs: positive('settle-timeout', values['settle-timeout']) * 1000,
  };
}

/** The `sub` of a JWT (to tell this run's events from others' on the bus). */
const subOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string }).sub;

/** Counts ExpenseRecorded per expense id on the local bus (the control API's event stream) for these users. */
function tapBus(target: Target, subs: Set<string>) {
  const recorded = new Map<string, number>();
  if (!target.local) return { recorded: () => undefined, stop: () => {} };
  const abort = new AbortController();
  void (async () => {
    const response = await fetch(`${target.local?.awsEndpoint}/_local/events/stream`, {
      headers: { accept: 'text/event-stream' },
      signal: abort.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.startsWith('data: ')) continue;
        const { event } = JSON.parse(frame.slice(6)) as {
          event: {
            'detail-type'?: string;
            detail?: { metadata?: { userId?: string }; data?: { expense?: { expenseId?: string } } };
          };
        };
        const id = event.detail?.data?.expense?.expenseId;
        if (
          event['detail-type'] === 'ExpenseRecorded' &&
          id &&
          subs.has(event.detail?.metadata?.userId ?? '')
        )
          recorded.set(id, (recorded.get(id) ?? 0) + 1);
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) say(`bus tap ended: ${(error as Error).message}`);
  });
  return { recorded: () => recorded, stop: () => abort.abort() };
}

interface Answer {
  status?: number;
  body: string;
  replayed?: boolean;
}

async function send(
  target: Target,
  token: string,
  request: PlannedRequest,
  timeoutMs: number,
): Promise<Answer> {
  try {
    const response = await fetch(`${target.apis[request.service]}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      status: response.status,
      body: await response.text(),
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  } catch (error) {
    const name =
      (error as Error).name === 'TimeoutError'
        ? 'timeout'
        : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name);
    return { body: name };
  }
}

/**
 * Resends the POSTs that failed with a 5xx or got no answer, with their Idempotency-Key (16 at a time, each
 * until it gets a non-5xx answer, at most 60 times, a second apart); the acknowledged ones join `acknowledged`. Returns how many
 * had been recorded already.
 */
async function replay(
  target: Target,
  tokens: string[],
  unresolved: SentExpense[],
  acknowledged: Acknowledged[],
  timeoutMs: number,
): Promise<number> {
  let recordedBefore = 0;
  const queue = [...unresolved];
  const one = async (expense: SentExpense) => {
    const body = {
      amount: { currency: expense.currency, minorUnits: expense.minorUnits },
      date: expense.date,
      categoryId: expense.categoryId,
      merchant: expense.merchant,
    };
    const request: PlannedRequest = {
      route: 'POST /expenses',
      service: 'expenses',
      method: 'POST',
      path: '/expenses',
      user: expense.user,
      body,
      headers: { 'idempotency-key': expense.idempotencyKey },
    };
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const answer = await send(target, tokens[expense.user]!, request, timeoutMs);
      if (answer.status !== undefined && answer.status < 300) {
        acknowledged.push({
          ...expense,
          expenseId: (JSON.parse(answer.body) as { expenseId: string }).expenseId,
        });
        if (answer.replayed) recordedBefore += 1;
        return;
      }
      if (answer.status !== undefined && answer.status < 500) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let expense = queue.shift(); expense; expense = queue.shift()) await one(expense);
    }),
  );
  return recordedBefore;
}

async function main(): Promise<number> {
  const opts = options();
  const target = await resolveTarget({
    target: opts.target,
    dataDir: opts.dataDir,
    ...(opts.tokenCommand ? { tokenCommand: opts.tokenCommand } : {}),
  });
  const runId = randomBytes(3).toString('hex');
  const tokens = await Promise.all(
    Array.from({ length: opts.users }, (_, index) => target.token(index, runId)),
  );
  const subs = new Set(tokens.map(subOf).filter((sub): sub is string => Boolean(sub)));
  const bus = tapBus(target, subs);
  const next = planner({
    users: opts.users,
    currency: opts.currency,
    now: () => new Date(),
    random: randomSource(opts.seed),
  });
  const routes = new Map(ROUTES.map((route) => [route, Object.assign(new RouteStats(), { sent: 0 })]));
  const acknowledged: Acknowledged[] = [];
  const unresolved: SentExpense[] = [];
  const inFlight = new Set<Promise<void>>();
  say(
    `load ${runId}: ${opts.rate} req/s for ${opts.durationSeconds} s over ${opts.users} users against ${opts.target} ` +
      `(seed ${opts.seed}); load average before: ${load()}`,
  );
  const started = performance.now();
  let lastAnswer = started;
  await runArrivals({
    rate: opts.rate,
    durationSeconds: opts.durationSeconds,
    send: (_index, dueAt) => {
      const request = next();
      const stats = routes.get(request.route as (typeof ROUTES)[number])!;
      stats.sent += 1;
      const done = send(target, tokens[request.user]!, request, opts.timeoutMs).then((answer) => {
        lastAnswer = performance.now();
        const ok = answer.status !== undefined && answer.status < 400;
        stats.record(
          lastAnswer - dueAt,
          answer.status,
          ok ? undefined : answer.status === undefined ? answer.body : errorCodeOf(answer.body),
        );
        if (!request.expense) return;
        if (ok)
          acknowledged.push({
            ...request.expense,
            expenseId: (JSON.parse(answer.body) as { expenseId: string }).expenseId,
          });
        // A 5xx or no answer says nothing about whether it was recorded: the Idempotency-Key tells, below.
        else if (answer.status === undefined || answer.status >= 500) unresolved.push(request.expense);
      });
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    },
  });
  const sendSeconds = (performance.now() - started) / 1000;
  const loadAtEnd = load();
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  const loadEndedAt = lastAnswer;
  say('');
  say(
    formatStats(routes, {
      rate: opts.rate,
      durationSeconds: opts.durationSeconds,
      sendSeconds,
      lastAnswerSeconds: (lastAnswer - started) / 1000,
    }),
  );
  say(`load average at the end of sending: ${loadAtEnd}`);

  // Requests that failed with 5xx or no answer: resend with the same Idempotency-Key, as a client would, to learn
  // whether they were recorded (the replay answers with the expense) or to record them now.
  if (unresolved.length > 0) {
    const recordedBefore = await replay(target, tokens, unresolved, acknowledged, opts.timeoutMs);
    say(
      `replayed ${unresolved.length} unanswered or 5xx POST /expenses with their Idempotency-Key: ` +
        `${recordedBefore} had been recorded already (Idempotent-Replayed)`,
    );
  }

  const replaysEndedAt = performance.now();
  if (unresolved.length > 0)
    say(`replays ended ${((replaysEndedAt - loadEndedAt) / 1000).toFixed(1)} s after the load ended`);
  say('');
  say('consistency check:');
  if (target.local) {
    const settleStarted = performance.now();
    const response = await fetch(`${target.local.awsEndpoint}/_local/settle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timeoutMs: Math.min(600_000, opts.settleTimeoutMs) }),
    });
    say(
      `     local cloud settled ${((performance.now() - loadEndedAt) / 1000).toFixed(1)} s after the load ended ` +
        `(settle took ${((performance.now() - settleStarted) / 1000).toFixed(1)} s${response.ok ? '' : `, answered ${response.status}`})`,
    );
  }
  const report = await checkConsistency({
    target,
    tokens,
    acknowledged,
    loadEndedAt,
    replaysEndedAt,
    timeoutMs: opts.settleTimeoutMs,
    recorded: bus.recorded,
    say,
  });
  bus.stop();
  say(report.ok ? 'consistency: OK' : 'consistency: FAILED');
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  },
);
