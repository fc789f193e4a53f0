import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningLocalCloud, startLocalCloud } from '../../src/localCloud';
import { withStatement } from '../../src/testing/templateEdits';

// The whole local cloud (every compose service, the edge included) with one packaged HTTP function turned to
// check the origin secret, as `--param originSecretId=…` would deploy it: its environment gets ORIGIN_SECRET_ID
// (the local UpdateFunctionConfiguration), everything else — the bundle, the HTTP API, the JWT authorizer, the
// secret the edge template created and the local Secrets Manager the function reads it from — is as deployed,
// and its role gets the statement the param's OriginSecretReadPolicy grants (resources/edgeOrigin.yml), which IAM
// enforces.
const rootDir = new URL('../../../../', import.meta.url).pathname.replace(/\/$/, '');
let cloud: RunningLocalCloud;
let api: string;
let token: string;
let secretValue: string;
const functionName = 'spendwise-expenses-dev-listExpenses';

beforeAll(async () => {
  cloud = await startLocalCloud({
    rootDir,
    dataDir: await mkdtemp(join(tmpdir(), 'spendwise-origin-')),
    awsPort: 0,
    apiBasePort: 0,
    inMemory: true,
    editTemplates: (stacks) =>
      withStatement(stacks, 'expenses', 'ListExpensesIamRoleLambdaExecution', {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:spendwise/dev/origin-verify-??????',
      }),
  });
  api = cloud.endpoints.apis.expenses as string;
  token = await cloud.engines.auth.mintToken({ user: 'origin-alice' });
  const client = new SecretsManagerClient({
    endpoint: cloud.endpoints.awsEndpoint,
    region: cloud.config.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  secretValue = (await client.send(new GetSecretValueCommand({ SecretId: 'spendwise/dev/origin-verify' })))
    .SecretString!;
  client.destroy();
  cloud.engines.lambda.updateEnvironment(functionName, { ORIGIN_SECRET_ID: 'spendwise/dev/origin-verify' });
}, 600_000);

afterAll(() => cloud?.stop());

// This month by the clock the system runs on.
const month = () => new Date().toISOString().slice(0, 7);
const list = (headers: Record<string, string> = {}) =>
  fetch(`${api}/expenses?month=${month()}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

describe('an expenses function configured with the edge origin secret', () => {
  it('refuses a request that bypassed the edge with 403 ORIGIN_NOT_ALLOWED', async () => {
    const response = await list();

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 403, code: 'ORIGIN_NOT_ALLOWED' });
  });

  it('refuses a wrong value', async () => {
    expect((await list({ 'x-origin-verify': `${secretValue}x` })).status).toBe(403);
  });

  it('answers a request carrying the value CloudFront sends', async () => {
    const response = await list({ 'x-origin-verify': secretValue });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ items: [] });
    expect(secretValue).toMatch(/^[A-Za-z0-9]{48}$/);
  });

  it('leaves the functions without ORIGIN_SECRET_ID as they were', async () => {
    const created = await fetch(`${api}/expenses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: { minorUnits: 100, currency: 'EUR' },
        date: new Date().toISOString().slice(0, 10),
      }),
    });

    expect(created.status).toBe(201);
  });
});
