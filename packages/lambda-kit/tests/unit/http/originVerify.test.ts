import { describe, expect, it } from '@jest/globals';
import type { HttpResponse } from '../../../src/http';
import { httpHandler } from '../../../src/http';
import { type OriginSecretSource, originVerify } from '../../../src/http/originVerify';
import { lambdaContext } from '../../../src/testing';
import { postExpense, writeScope } from '../../fixtures/events';
import { testObservability } from '../../fixtures/observability';

/** A secret store with staging labels behind a cache like Powertools': a forced read refreshes it. */
const fakeSecrets = (values: { AWSCURRENT?: string; AWSPREVIOUS?: string }) => {
  const reads: string[] = [];
  let cached = { ...values };
  const source: OriginSecretSource = async (_id, stage, { forceFetch }) => {
    reads.push(`${stage}${forceFetch ? '!' : ''}`);
    if (forceFetch) cached = { ...values };
    return cached[stage];
  };
  return { source, reads, values };
};

const eventWith = (headers: Record<string, string>) => {
  const event = postExpense();
  event.headers = { ...event.headers, ...headers };
  return event;
};

const run = async (middleware: ReturnType<typeof originVerify>, headers: Record<string, string>) => {
  try {
    await middleware.before?.({ event: eventWith(headers) } as never);
    return 'accepted';
  } catch (error) {
    return `${(error as { status: number }).status} ${(error as { code: string }).code}`;
  }
};

describe('originVerify', () => {
  it('checks nothing when no secret id is configured', async () => {
    const { source, reads } = fakeSecrets({ AWSCURRENT: 's3cret' });

    expect(await run(originVerify({ secretId: ' ', source }), {})).toBe('accepted');
    expect(reads).toEqual([]);
  });

  it('accepts the current value and refuses a missing or wrong header with 403 ORIGIN_NOT_ALLOWED', async () => {
    const { source } = fakeSecrets({ AWSCURRENT: 'current-value' });
    const check = originVerify({ secretId: 'origin', source });

    expect(await run(check, { 'x-origin-verify': 'current-value' })).toBe('accepted');
    expect(await run(check, {})).toBe('403 ORIGIN_NOT_ALLOWED');
    expect(await run(check, { 'x-origin-verify': 'current-valuE' })).toBe('403 ORIGIN_NOT_ALLOWED');
    expect(await run(check, { 'x-origin-verify': 'current' })).toBe('403 ORIGIN_NOT_ALLOWED');
  });

  it('keeps the previous value valid during a rotation', async () => {
    const { source } = fakeSecrets({ AWSCURRENT: 'new-value', AWSPREVIOUS: 'old-value' });
    const check = originVerify({ secretId: 'origin', source });

    expect(await run(check, { 'x-origin-verify': 'old-value' })).toBe('accepted');
    expect(await run(check, { 'x-origin-verify': 'new-value' })).toBe('accepted');
  });

  it('re-reads both labels once when a header matches nothing, then not again within the interval', async () => {
    let clock = 0;
    const secrets = fakeSecrets({ AWSCURRENT: 'old-value' });
    const check = originVerify({ secretId: 'origin', source: secrets.source, now: () => clock });
    expect(await run(check, { 'x-origin-verify': 'old-value' })).toBe('accepted');

    // Rotated: CloudFront already sends the new value while this container still caches the old one.
    secrets.values.AWSPREVIOUS = 'old-value';
    secrets.values.AWSCURRENT = 'new-value';
    clock = 120_000;
    secrets.reads.length = 0;
    expect(await run(check, { 'x-origin-verify': 'new-value' })).toBe('accepted');
    expect(await run(check, { 'x-origin-verify': 'old-value' })).toBe('accepted');
    expect(secrets.reads).toEqual(['AWSCURRENT', 'AWSPREVIOUS', 'AWSCURRENT!', 'AWSCURRENT', 'AWSPREVIOUS']);

    secrets.reads.length = 0;
    expect(await run(check, { 'x-origin-verify': 'forged' })).toBe('403 ORIGIN_NOT_ALLOWED');
    expect(await run(check, { 'x-origin-verify': 'forged-again' })).toBe('403 ORIGIN_NOT_ALLOWED');
    // The forged headers come within the interval of the forced read above: no further forced reads.
    expect(secrets.reads).toEqual(['AWSCURRENT', 'AWSPREVIOUS', 'AWSCURRENT', 'AWSPREVIOUS']);
  });
});

describe('httpHandler with an origin secret', () => {
  const handler = () =>
    httpHandler(async () => ({ statusCode: 200, body: { ok: true } }), {
      requiredScopes: [writeScope],
      observability: testObservability(),
      originVerify: {
        secretId: 'spendwise/test/origin-verify',
        source: fakeSecrets({ AWSCURRENT: 'v1' }).source,
      },
    });

  it('answers 403 problem+json before reading the body', async () => {
    const event = eventWith({});
    event.body = '{not json';

    const response = (await handler()(event, lambdaContext())) as HttpResponse;

    expect(response.statusCode).toBe(403);
    expect(response.headers?.['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(String(response.body))).toMatchObject({ status: 403, code: 'ORIGIN_NOT_ALLOWED' });
  });

  it('lets a request with the secret through', async () => {
    const response = (await handler()(
      eventWith({ 'x-origin-verify': 'v1' }),
      lambdaContext(),
    )) as HttpResponse;

    expect(response.statusCode).toBe(200);
  });
});
