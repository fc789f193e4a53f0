import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type HttpResponse, httpHandler, powertoolsSecretSource } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import { SecretProvider, SecretStoreEngine, SecretsManagerApi } from '../../src/secretsmanager';
import { fakeCloud } from '../../src/testing/fakeCloud';
import {
  localClientConfig,
  startThrowawayGateway,
  type ThrowawayGateway,
} from '../stepfunctions/throwawayGateway';

// The local Secrets Manager through the AWS SDK, and the lambda-kit origin check reading it with Powertools
// Parameters exactly as a deployed HTTP function does (ORIGIN_SECRET_ID set), over the local AWS endpoint.
const store = new SecretStoreEngine({ region: 'eu-west-1', accountId: '000000000000' });
let gateway: ThrowawayGateway;
let client: SecretsManagerClient;

beforeAll(async () => {
  gateway = await startThrowawayGateway([new SecretsManagerApi(store)]);
  client = new SecretsManagerClient(localClientConfig(gateway.endpoint));
});

afterAll(async () => {
  client.destroy();
  await gateway.close();
});

/** Deploys an `AWS::SecretsManager::Secret` as the edge template declares it. */
async function deploySecret(name: string) {
  const { cloud, recorded } = fakeCloud({ stage: 'dev' });
  const created = await new SecretProvider(store).create(
    {
      stack: 'edge',
      stackDir: '/tmp',
      logicalId: 'OriginSecret',
      type: 'AWS::SecretsManager::Secret',
      properties: {
        Name: name,
        GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
        ReplicaRegions: [{ Region: 'eu-west-1' }],
      },
    },
    cloud,
  );
  return { created, recorded };
}

describe('the local Secrets Manager', () => {
  it('creates a secret from GenerateSecretString and reports the replica it does not make', async () => {
    const { created, recorded } = await deploySecret('spendwise/dev/generated');

    const value = await client.send(new GetSecretValueCommand({ SecretId: 'spendwise/dev/generated' }));

    expect(created.ref).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:000000000000:secret:spendwise\/dev\/generated-[A-Za-z0-9]{6}$/,
    );
    expect(value.ARN).toBe(created.ref);
    expect(value.SecretString).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(value.VersionStages).toEqual(['AWSCURRENT']);
    expect(recorded.unsupported.map((u) => u.property)).toEqual(['ReplicaRegions']);
  });

  it('stages a put value AWSCURRENT and the one before AWSPREVIOUS', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: 'rotating', SecretString: 'one' }));
    const second = await client.send(
      new PutSecretValueCommand({ SecretId: created.ARN, SecretString: 'two' }),
    );

    const current = await client.send(new GetSecretValueCommand({ SecretId: 'rotating' }));
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPREVIOUS' }),
    );
    const described = await client.send(new DescribeSecretCommand({ SecretId: 'rotating' }));

    expect([current.SecretString, previous.SecretString]).toEqual(['two', 'one']);
    expect(described.VersionIdsToStages).toEqual({
      [created.VersionId!]: ['AWSPREVIOUS'],
      [second.VersionId!]: ['AWSCURRENT'],
    });
  });

  it('moves a staging label back (a rollback) and refuses to steal it silently', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: 'rollback', SecretString: 'a' }));
    const next = await client.send(new PutSecretValueCommand({ SecretId: 'rollback', SecretString: 'b' }));

    const steal = client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'rollback',
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: created.VersionId,
      }),
    );
    await expect(steal).rejects.toThrow(/RemoveFromVersionId/);
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'rollback',
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: created.VersionId,
        RemoveFromVersionId: next.VersionId,
      }),
    );

    expect((await client.send(new GetSecretValueCommand({ SecretId: 'rollback' }))).SecretString).toBe('a');
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: 'rollback', VersionStage: 'AWSPREVIOUS' })))
        .SecretString,
    ).toBe('b');
  });

  it('answers ResourceNotFoundException for an unknown secret or an absent label', async () => {
    await client.send(new CreateSecretCommand({ Name: 'fresh', SecretString: 'x' }));

    await expect(client.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: 'fresh', VersionStage: 'AWSPREVIOUS' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('an HTTP function configured with ORIGIN_SECRET_ID, reading the local Secrets Manager', () => {
  const secretId = 'spendwise/dev/origin-verify';
  let handler: ReturnType<typeof httpHandler>;
  let uncached: ReturnType<typeof httpHandler>;

  beforeAll(async () => {
    await deploySecret(secretId);
    handler = httpHandler(async () => ({ statusCode: 200, body: { ok: true } }), {
      originVerify: {
        secretId,
        source: powertoolsSecretSource(localClientConfig(gateway.endpoint)),
        refreshIntervalMs: 0,
      },
    });
    uncached = httpHandler(async () => ({ statusCode: 200, body: { ok: true } }), {
      originVerify: {
        secretId,
        source: powertoolsSecretSource(localClientConfig(gateway.endpoint)),
        maxAgeSeconds: 0,
      },
    });
  });

  const call = async (headers: Record<string, string>, through = handler) => {
    const event = httpEvent({ method: 'GET', path: '/expenses', claims: { sub: 'user-1', scope: 'openid' } });
    event.headers = { ...event.headers, ...headers };
    const response = (await through(event, lambdaContext())) as HttpResponse;
    return {
      status: response.statusCode,
      body: JSON.parse(String(response.body)) as Record<string, unknown>,
    };
  };
  const currentValue = async () =>
    (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString!;

  it('refuses a request without the header, or with a wrong one, with 403 ORIGIN_NOT_ALLOWED', async () => {
    const without = await call({});
    const wrong = await call({ 'x-origin-verify': 'guessed' });

    expect(without).toMatchObject({ status: 403, body: { code: 'ORIGIN_NOT_ALLOWED', status: 403 } });
    expect(wrong.body.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('accepts the value CloudFront sends', async () => {
    expect(await call({ 'x-origin-verify': await currentValue() })).toEqual({
      status: 200,
      body: { ok: true },
    });
  });

  it('accepts the old and the new value after a rotation, and only those', async () => {
    const old = await currentValue();
    await client.send(
      new PutSecretValueCommand({ SecretId: secretId, SecretString: 'rotated-value-0123456789' }),
    );

    expect((await call({ 'x-origin-verify': 'rotated-value-0123456789' })).status).toBe(200);
    expect((await call({ 'x-origin-verify': old })).status).toBe(200);
    await client.send(
      new PutSecretValueCommand({ SecretId: secretId, SecretString: 'rotated-again-9876543210' }),
    );
    // Two rotations later the first value is retired: accepted only while a container's cache (maxAge) holds it.
    expect((await call({ 'x-origin-verify': old })).status).toBe(200);
    expect((await call({ 'x-origin-verify': old }, uncached)).status).toBe(403);
    expect((await call({ 'x-origin-verify': 'rotated-again-9876543210' }, uncached)).status).toBe(200);
  });
});
