/**
 * Local cloud benchmark (`pnpm bench:local-cloud`). Prints figures only; nothing here passes or fails.
 *   1. start-up to ready: cold (forced packaging, fresh data folder) and warm (everything cached)
 *   2. PutEvents → rule → SQS → event source mapping → consumer invocation, p50/p99 over 1,000 events
 *   3. time the local HTTP API layer adds over the function's own time, p50 (and p99) over 500 requests
 * Goals from the issue: cold < 15 s, warm < 3 s, p99 < 50 ms, HTTP overhead p50 < 2 ms.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { arnOf } from '@spendwise/local-cloud/core/arn';
import { type RunningLocalCloud, startLocalCloud } from '@spendwise/local-cloud/localCloud';
import { queuePolicyFor } from '@spendwise/local-cloud/testing/queuePolicy';

const rootDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARM_STARTS = 3;
/** `BENCH_IAM=off|report|enforce` (default: the local cloud's default, enforce): IAM's share of the figures. */
const IAM = process.env.BENCH_IAM as 'enforce' | 'report' | 'off' | undefined;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function timedStart(
  dataDir: string,
  force: boolean,
): Promise<{ cloud: RunningLocalCloud; seconds: number }> {
  const started = performance.now();
  const cloud = await startLocalCloud({
    rootDir,
    dataDir,
    awsPort: 0,
    apiBasePort: 0,
    webPort: 0,
    force,
    ...(IAM ? { iam: IAM } : {}),
  });
  return { cloud, seconds: (performance.now() - started) / 1000 };
}

async function startup(): Promise<{ cold: number; warm: number[]; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'spendwise-bench-'));
  const cold = await timedStart(dataDir, true);
  await cold.cloud.stop();
  const warm: number[] = [];
  for (let i = 0; i < WARM_STARTS; i += 1) {
    const run = await timedStart(dataDir, false);
    warm.push(run.seconds);
    await run.cloud.stop();
  }
  return { cold: cold.seconds, warm, dataDir };
}

/** A consumer function fed by a queue that a bus rule fills: the path every Spendwise consumer takes. */
async function eventToInvocation(cloud: RunningLocalCloud): Promise<number[]> {
  const { config, engines } = cloud;
  const codeDir = join(config.dataDir, 'bench-consumer');
  await mkdir(codeDir, { recursive: true });
  await writeFile(
    join(codeDir, 'handler.mjs'),
    'export const handler = async () => ({ batchItemFailures: [] });\n',
  );
  const name = 'bench-consumer';
  engines.lambda.deploy({
    stack: 'bench',
    logicalId: 'BenchConsumer',
    name,
    arn: arnOf(config, 'lambda', `function:${name}`),
    handler: 'handler.handler',
    runtime: 'nodejs24.x',
    memoryMb: 256,
    timeoutSeconds: 10,
    variables: {},
    logGroup: `/aws/lambda/${name}`,
    codeDir,
  });
  const client = {
    endpoint: cloud.endpoints.awsEndpoint,
    region: config.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const sqs = new SQSClient(client);
  const events = new EventBridgeClient(client);
  const queueArn = arnOf(config, 'sqs', 'bench-consumer-queue');
  const busName = `spendwise-${config.stage}`;
  // As on AWS, the queue's policy lets the rule send to it (IAM is enforced).
  const policy = queuePolicyFor(
    'events.amazonaws.com',
    queueArn,
    arnOf(config, 'events', `rule/${busName}/bench`),
  );
  await sqs.send(
    new CreateQueueCommand({
      QueueName: 'bench-consumer-queue',
      Attributes: { Policy: JSON.stringify(policy) },
    }),
  );
  await events.send(
    new PutRuleCommand({ Name: 'bench', EventBusName: busName, EventPattern: '{"source":["bench"]}' }),
  );
  await events.send(
    new PutTargetsCommand({ Rule: 'bench', EventBusName: busName, Targets: [{ Id: 'q', Arn: queueArn }] }),
  );

  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const observed = {
    ...cloud.ctx,
    lambda: {
      has: (ref: string) => cloud.ctx.lambda.has(ref),
      invoke: (ref: string, payload: unknown, options?: { async?: boolean }) => {
        const now = performance.now();
        for (const record of (payload as { Records: { body: string }[] }).Records) {
          const seq = JSON.parse(record.body).detail.seq as number;
          latencies.push(now - (sentAt.get(seq) ?? now));
        }
        if (latencies.length >= EVENTS) done();
        return cloud.ctx.lambda.invoke(ref, payload, options);
      },
    },
  };
  engines.sqs.attach(
    {
      uuid: 'bench',
      functionRef: name,
      queueArn,
      batchSize: 10,
      batchingWindowSeconds: 0,
      concurrency: 5,
      reportBatchItemFailures: true,
      enabled: true,
    },
    observed,
  );
  for (let seq = 0; seq < EVENTS; seq += 1) {
    sentAt.set(seq, performance.now());
    await events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: busName, Source: 'bench', DetailType: 'Tick', Detail: JSON.stringify({ seq }) },
        ],
      }),
    );
  }
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  sqs.destroy();
  events.destroy();
  return latencies;
}

async function httpOverhead(cloud: RunningLocalCloud): Promise<{ p50: number; p99: number; count: number }> {
  const api = cloud.endpoints.apis.expenses as string;
  const token = await cloud.engines.auth.mintToken({ user: 'bench-user' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const created = await fetch(`${api}/expenses`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ amount: { minorUnits: 100, currency: 'EUR' }, date: '2026-11-01' }),
  });
  const { expenseId } = (await created.json()) as { expenseId: string };
  for (let i = 0; i < REQUESTS; i += 1)
    await (await fetch(`${api}/expenses/${expenseId}`, { headers })).arrayBuffer();
  const stats = cloud.engines.httpApi.stats();
  return { p50: stats.p50Ms, p99: stats.p99Ms, count: stats.count };
}

const { cold, warm, dataDir } = await startup();
say(
  `start-up to ready: cold ${cold.toFixed(1)} s (goal < 15 s), warm ${warm.map((s) => s.toFixed(1)).join(' / ')} s (median ${percentile(warm, 50).toFixed(1)} s, goal < 3 s)`,
);
const { cloud } = await timedStart(dataDir, false);
try {
  const latencies = await eventToInvocation(cloud);
  say(
    `PutEvents → SQS-triggered invocation over ${latencies.length} events: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))} (goal p99 < 50 ms)`,
  );
  const http = await httpOverhead(cloud);
  say(
    `HTTP API layer overhead over ${http.count} requests: p50 ${ms(http.p50)}, p99 ${ms(http.p99)} (goal p50 < 2 ms)`,
  );
} finally {
  await cloud.stop();
}
