import { execFile, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeEndpoints } from '../../src/cli/endpointsFile';
import { controlRoutes } from '../../src/control/routes';
import type { BusEvent } from '../../src/core/ports';
import { Gateway } from '../../src/gateway';
import { endpointsAt } from './endpointsFixture';

/**
 * The `spendwise-local` commands against the real AWS endpoint and control API, which refuse browsers, foreign
 * Host names and non-JSON bodies: the CLI's own requests must keep passing.
 */

const run = promisify(execFile);
const bin = new URL('../../bin/local-cloud.mjs', import.meta.url).pathname;
const calls: string[] = [];
const tails = new Set<(bus: string, event: BusEvent) => void>();

const gateway = new Gateway({
  host: '127.0.0.1',
  port: 0,
  apis: [],
  routes: controlRoutes({
    mintToken: async (user, scopes) => `token-for-${user}${scopes ? `-${scopes.join('+')}` : ''}`,
    invoke: async (ref, payload) => ({ ok: true, result: { ref, payload } }),
    tail: (listener) => {
      tails.add(listener);
      return () => tails.delete(listener);
    },
    queues: () => [{ name: 'q', visible: 1, inFlight: 0, delayed: 0 }],
    redrive: async (queue) => ({ moved: 2, destination: `${queue}-source` }),
    executions: (limit) =>
      Array.from({ length: limit }, (_, i) => ({ name: `run-${i}`, status: 'SUCCEEDED' })),
    schedules: () => [],
    runSchedule: async (name) => {
      calls.push(`schedule ${name}`);
    },
    alarms: () => [
      { name: 'spendwise-dev-expenses-outbox-age', state: 'OK', reason: 'Threshold not crossed' },
    ],
    setModelFaults: (faults) => ({ faults }),
    modelRequests: () => [],
    settle: async (timeoutMs) => ({ settled: true, timeoutMs }),
    functions: () => [],
    s3: (bucket, prefix) =>
      bucket
        ? [{ key: `${prefix ?? ''}e/r`, size: 8, lastModified: '2026-01-01T00:00:00.000Z', versionId: 'v1' }]
        : [{ name: 'receipts-bucket', objects: 1, versioning: 'Enabled', eventBridge: true }],
    iamDenials: () => ({
      mode: 'enforce',
      denials: [
        {
          at: '2026-01-01T00:00:00.000Z',
          enforced: true,
          caller: 'function spendwise-dev-createExpense',
          message:
            'User: arn:aws:sts::000000000000:assumed-role/r/local is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:eu-west-1:000000000000:table/t because no identity-based policy allows the dynamodb:PutItem action',
          allowingStatement: {
            Effect: 'Allow',
            Action: 'dynamodb:PutItem',
            Resource: 'arn:aws:dynamodb:eu-west-1:000000000000:table/t',
          },
        },
      ],
    }),
    iamCredentials: (name) =>
      name === 'spendwise-dev-createExpense'
        ? { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 's', SessionToken: 't' }
        : undefined,
  }),
});
let root: string;
let gatewayEndpoint: string;

const cli = (...args: string[]) => run(process.execPath, [bin, ...args], { cwd: root });

beforeAll(async () => {
  const awsEndpoint = await gateway.start();
  gatewayEndpoint = awsEndpoint;
  root = await mkdtemp(join(tmpdir(), 'spendwise-cli-control-'));
  await writeFile(join(root, 'serverless-compose.yml'), 'services: {}\n');
  await writeEndpoints(join(root, '.local-cloud'), endpointsAt(awsEndpoint));
});

afterAll(() => gateway.stop());

describe('spendwise-local against the guarded control API', () => {
  it('mints a token', async () => {
    const { stdout } = await cli('token', 'alice', '--scope', 'spendwise/expenses.read');

    expect(stdout).toBe('token-for-alice-spendwise/expenses.read\n');
  }, 30_000);

  it('invokes a function with a JSON event', async () => {
    const { stdout } = await cli('invoke', 'spendwise-expenses-dev-getExpense', '[1,2]');

    expect(JSON.parse(stdout)).toEqual({
      ok: true,
      result: { ref: 'spendwise-expenses-dev-getExpense', payload: [1, 2] },
    });
  }, 30_000);

  it("lists IAM denials with the statement that would allow each, and prints a function's credentials", async () => {
    const denials = await cli('iam', 'denials');
    const credentials = await cli('iam', 'credentials', 'spendwise-dev-createExpense');
    const unknown = cli('iam', 'credentials', 'nope');

    expect(denials.stdout).toContain('IAM mode: enforce; 1 denial(s)');
    expect(denials.stdout).toContain('DENIED  function spendwise-dev-createExpense');
    expect(denials.stdout).toContain('is not authorized to perform: dynamodb:PutItem');
    expect(denials.stdout).toContain('allowed by: {"Effect":"Allow","Action":"dynamodb:PutItem"');
    expect(JSON.parse(credentials.stdout)).toEqual({
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 's',
      SessionToken: 't',
    });
    await expect(unknown).rejects.toThrow(/Function not found: nope/);
  }, 30_000);

  it("lists the local S3's buckets and a bucket's objects under a prefix", async () => {
    const buckets = await cli('s3', 'ls');
    const objects = await cli('s3', 'ls', 'receipts-bucket', '--prefix', 'receipts/u/');

    expect(buckets.stdout).toContain('receipts-bucket');
    expect(objects.stdout).toContain('receipts/u/e/r');
    expect(objects.stdout).toContain('v1');
  }, 30_000);

  it('lists executions with a limit, redrives a queue, fires a schedule and sets model faults', async () => {
    const executions = await cli('executions', '--limit', '2');
    const redrive = await cli('redrive', 'dlq');
    const fired = await cli('schedule', 'run', 'monthly');
    const faults = await cli('model', 'faults', '{"throttleNext":3}');

    expect(executions.stdout).toContain('run-1');
    expect(executions.stdout).not.toContain('run-2');
    expect(redrive.stdout).toContain('moved 2 message(s) from dlq to dlq-source');
    expect(fired.stdout).toBe('fired monthly\n');
    expect(calls).toContain('schedule monthly');
    expect(JSON.parse(faults.stdout)).toEqual({ faults: { throttleNext: 3 } });
  }, 60_000);

  it('reaches a local cloud started with --data-dir from every command given the same --data-dir', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'spendwise-cli-elsewhere-'));
    await writeFile(join(elsewhere, 'serverless-compose.yml'), 'services: {}\n');
    await writeEndpoints(join(elsewhere, 'data'), endpointsAt(gatewayEndpoint));
    const inElsewhere = (...args: string[]) => run(process.execPath, [bin, ...args], { cwd: elsewhere });

    const queues = await inElsewhere('queues', '--data-dir', 'data');
    const alarms = await inElsewhere('alarms', '--data-dir', 'data');
    const fired = await inElsewhere('schedule', 'run', 'nightly', '--data-dir', 'data');
    const withoutIt = inElsewhere('queues');

    expect(queues.stdout).toMatch(/^q\s/m);
    expect(alarms.stdout).toContain('spendwise-dev-expenses-outbox-age');
    expect(fired.stdout).toBe('fired nightly\n');
    expect(calls).toContain('schedule nightly');
    await expect(withoutIt).rejects.toThrow(/No local cloud is running here/);
  }, 60_000);

  it('follows the bus with events tail', async () => {
    const child = spawn(process.execPath, [bin, 'events', 'tail'], { cwd: root });
    try {
      let output = '';
      const printed = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk) => {
          output += chunk;
          if (output.includes('ExpenseRecorded')) resolve();
        });
      });
      // Wait until the command is following the stream.
      await new Promise<void>((resolve) => {
        const subscribed = setInterval(() => {
          if (tails.size === 0) return;
          clearInterval(subscribed);
          resolve();
        }, 20);
      });
      for (const listener of tails)
        listener('spendwise-dev', {
          source: 'spendwise.expenses',
          'detail-type': 'ExpenseRecorded',
          time: new Date().toISOString(),
        } as unknown as BusEvent);

      await printed;

      expect(output).toContain('spendwise.expenses');
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
