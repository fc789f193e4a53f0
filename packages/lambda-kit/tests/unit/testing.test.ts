import { IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import { describe, expect, it } from '@jest/globals';
import { httpEvent, InMemoryPersistenceLayer, lambdaContext, sqsEvent } from '../../src/testing';

describe('httpEvent', () => {
  it('sends an object body as JSON with a JSON content type', () => {
    const event = httpEvent({ method: 'POST', body: { a: 1 } });

    expect(event.body).toBe('{"a":1}');
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.requestContext.http.method).toBe('POST');
  });

  it('carries default claims of user-1', () => {
    expect(httpEvent().requestContext.authorizer.jwt.claims).toEqual({ sub: 'user-1', token_use: 'access' });
  });

  it('marks given claims as an access token unless they say otherwise', () => {
    expect(httpEvent({ claims: { sub: 'u' } }).requestContext.authorizer.jwt.claims).toEqual({
      sub: 'u',
      token_use: 'access',
    });
    expect(
      httpEvent({ claims: { sub: 'u', token_use: 'id' } }).requestContext.authorizer.jwt.claims.token_use,
    ).toBe('id');
  });

  it('leaves the authorizer out when claims are null', () => {
    expect(httpEvent({ claims: null }).requestContext.authorizer).toBeUndefined();
  });

  it('fills the query string both parsed and raw', () => {
    const event = httpEvent({ query: { month: '2026-01', limit: '10' } });

    expect(event.queryStringParameters).toEqual({ month: '2026-01', limit: '10' });
    expect(event.rawQueryString).toBe('month=2026-01&limit=10');
  });
});

describe('sqsEvent', () => {
  it('numbers message ids and serialises object bodies', () => {
    const event = sqsEvent([{ body: { a: 1 } }, { body: 'raw' }]);

    expect(event.Records.map((record) => [record.messageId, record.body])).toEqual([
      ['msg-1', '{"a":1}'],
      ['msg-2', 'raw'],
    ]);
  });
});

describe('lambdaContext', () => {
  it('applies overrides', () => {
    expect(lambdaContext({ functionName: 'f' }).functionName).toBe('f');
  });
});

describe('InMemoryPersistenceLayer', () => {
  it('refuses to claim a key held by a live record', async () => {
    const layer = new InMemoryPersistenceLayer();
    const claim = () =>
      (layer as unknown as { _putRecord(r: IdempotencyRecord): Promise<void> })._putRecord(
        new IdempotencyRecord({
          idempotencyKey: 'k',
          status: 'COMPLETED',
          expiryTimestamp: Date.now() / 1000 + 60,
        }),
      );
    await claim();

    await expect(claim()).rejects.toMatchObject({ name: 'IdempotencyItemAlreadyExistsError' });
  });

  it('lets an expired record be claimed again', async () => {
    const layer = new InMemoryPersistenceLayer();
    const put = (layer as unknown as { _putRecord(r: IdempotencyRecord): Promise<void> })._putRecord.bind(
      layer,
    );
    await put(
      new IdempotencyRecord({
        idempotencyKey: 'k',
        status: 'COMPLETED',
        expiryTimestamp: Date.now() / 1000 - 1,
      }),
    );

    await put(
      new IdempotencyRecord({
        idempotencyKey: 'k',
        status: 'INPROGRESS',
        expiryTimestamp: Date.now() / 1000 + 60,
      }),
    );

    expect(layer.records.get('k')?.getStatus()).toBe('INPROGRESS');
  });
});
