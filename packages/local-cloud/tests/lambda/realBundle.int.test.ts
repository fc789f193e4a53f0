import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { packageServices } from '@spendwise/packager';
import type { ResolvedResource } from '../../src/core/resources';
import { LambdaEngine } from '../../src/lambda';
import { scratchDir } from '../../src/lambda/testing/fixtureFunctions';
import { fakeCloud } from '../../src/testing/fakeCloud';

const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const FUNCTION = 'spendwise-expenses-dev-getExpense';

/** An HTTP API (payload format 2.0) request that reached the function without JWT authorizer claims. */
const unauthenticatedGet = {
  version: '2.0',
  routeKey: 'GET /expenses/{id}',
  rawPath: '/expenses/exp-1',
  rawQueryString: '',
  headers: { accept: 'application/json', 'x-correlation-id': 'corr-1' },
  pathParameters: { id: 'exp-1' },
  requestContext: {
    accountId: '000000000000',
    apiId: 'local',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: {
      method: 'GET',
      path: '/expenses/exp-1',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'jest',
    },
    requestId: 'req-1',
    routeKey: 'GET /expenses/{id}',
    stage: '$default',
    time: '01/Jan/2026:00:00:00 +0000',
    timeEpoch: 1_767_225_600_000,
  },
  isBase64Encoded: false,
};

let engine: LambdaEngine;
let recorded: ReturnType<typeof fakeCloud>['recorded'];

beforeAll(async () => {
  const [expenses] = await packageServices({ rootDir, services: ['expenses'] });
  const template = JSON.parse(await readFile(expenses!.templatePath, 'utf8'));
  const logicalId = 'GetExpenseLambdaFunction';
  const { Type, Properties } = template.Resources[logicalId];
  // The deployer resolves intrinsics; this test stands in for it on the one that matters here.
  const properties = structuredClone(Properties);
  properties.Environment.Variables.EXPENSES_TABLE_NAME = 'spendwise-expenses-local';
  const resource: ResolvedResource = {
    stack: 'expenses',
    stackDir: expenses!.dir,
    logicalId,
    type: Type,
    properties,
  };
  const dir = await scratchDir('real');
  const fake = fakeCloud({ dataDir: join(dir, '.local-cloud') });
  recorded = fake.recorded;
  engine = new LambdaEngine(fake.cloud);
  const provider = engine.providers().find((p) => p.types.includes(Type))!;
  await provider.create(resource, fake.cloud);
}, 600_000);

afterAll(() => engine?.stop());

describe('a real packaged bundle', () => {
  it('loads getExpense in a worker and answers a request without JWT claims with the kit’s 401 problem', async () => {
    const outcome = await engine.invoke(FUNCTION, unauthenticatedGet);

    expect(outcome).toMatchObject({ ok: true, coldStart: true });
    const response = (
      outcome as { result: { statusCode: number; headers: Record<string, string>; body: string } }
    ).result;
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type'] ?? response.headers['Content-Type']).toMatch(
      /application\/problem\+json/,
    );
    expect(JSON.parse(response.body)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('stays warm for the next request and logs it under the function’s log group', async () => {
    const outcome = await engine.invoke(FUNCTION, unauthenticatedGet);

    expect(outcome).toMatchObject({ ok: true, coldStart: false });
    const lines = recorded.logs.filter((l) => l.logGroup === `/aws/lambda/${FUNCTION}`).map((l) => l.line);
    expect(lines.filter((l) => l.startsWith('REPORT'))).toHaveLength(2);
  });
});
