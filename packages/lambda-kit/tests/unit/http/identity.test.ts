import { describe, expect, it } from '@jest/globals';
import { identity } from '../../../src/http/identity';
import { httpEvent, lambdaContext } from '../../../src/testing';
import { chainOf } from '../../fixtures/chain';

const recordingLogger = () => {
  const keys: Record<string, unknown>[] = [];
  return { keys, appendKeys: (attributes: Record<string, unknown>) => void keys.push(attributes) };
};

describe('identity', () => {
  it('takes the user id and scopes from the JWT claims', async () => {
    const { handler, seen } = chainOf(identity());

    await handler(
      httpEvent({ claims: { sub: 'user-9', scope: 'openid  spendwise/expenses.read' } }),
      lambdaContext(),
    );

    expect(seen.context?.caller).toEqual({ userId: 'user-9', scopes: ['openid', 'spendwise/expenses.read'] });
  });

  it('rejects a request without claims with 401 UNAUTHENTICATED', async () => {
    const { handler } = chainOf(identity());

    const result = handler(httpEvent({ claims: null }), lambdaContext());

    await expect(result).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('rejects claims without a subject with 401 UNAUTHENTICATED', async () => {
    const { handler } = chainOf(identity());

    const result = handler(httpEvent({ claims: { scope: 'openid' } }), lambdaContext());

    await expect(result).rejects.toMatchObject({ status: 401 });
  });

  it('rejects an ID token with 401 NOT_AN_ACCESS_TOKEN, as AWS lets one through a route without scopes', async () => {
    const { handler } = chainOf(identity());

    const result = handler(
      httpEvent({ claims: { sub: 'user-1', token_use: 'id', aud: 'client-1', email: 'a@example.com' } }),
      lambdaContext(),
    );

    await expect(result).rejects.toMatchObject({ status: 401, code: 'NOT_AN_ACCESS_TOKEN' });
  });

  it('rejects claims without token_use with 401 NOT_AN_ACCESS_TOKEN', async () => {
    const { handler } = chainOf(identity());
    const event = httpEvent({ claims: { sub: 'user-1' } });
    delete (event.requestContext.authorizer.jwt.claims as Record<string, unknown>).token_use;

    await expect(handler(event, lambdaContext())).rejects.toMatchObject({
      status: 401,
      code: 'NOT_AN_ACCESS_TOKEN',
    });
  });

  it('ignores a user id sent anywhere but the token', async () => {
    const { handler, seen } = chainOf(identity());
    const event = httpEvent({
      claims: { sub: 'user-1' },
      headers: { 'x-user-id': 'user-2' },
      query: { userId: 'user-2' },
      pathParameters: { userId: 'user-2' },
    });

    await handler(event, lambdaContext());

    expect(seen.context?.caller?.userId).toBe('user-1');
  });

  it('rejects a token lacking a required scope with 403 INSUFFICIENT_SCOPE', async () => {
    const { handler } = chainOf(identity({ requiredScopes: ['spendwise/expenses.write'] }));

    const result = handler(
      httpEvent({ claims: { sub: 'user-1', scope: 'spendwise/expenses.read' } }),
      lambdaContext(),
    );

    await expect(result).rejects.toMatchObject({ status: 403, code: 'INSUFFICIENT_SCOPE' });
  });

  it('uses a safe x-correlation-id header as the correlation id and logs with it', async () => {
    const logger = recordingLogger();
    const { handler, seen } = chainOf(identity({ logger }));

    await handler(httpEvent({ headers: { 'x-correlation-id': 'web-7f3a:42' } }), lambdaContext());

    expect(seen.context?.correlationId).toBe('web-7f3a:42');
    expect(logger.keys).toEqual([{ correlationId: 'web-7f3a:42' }]);
  });

  it('falls back to the API request id when the header is unsafe', async () => {
    const { handler, seen } = chainOf(identity());

    await handler(
      httpEvent({ headers: { 'x-correlation-id': 'evil\n{"level":"ERROR"}' }, requestId: 'req-99' }),
      lambdaContext(),
    );

    expect(seen.context?.correlationId).toBe('req-99');
  });

  it('sets the correlation id on the logger even when it rejects the caller', async () => {
    const logger = recordingLogger();
    const { handler } = chainOf(identity({ logger }));

    await handler(httpEvent({ claims: null, requestId: 'req-5' }), lambdaContext()).catch(() => undefined);

    expect(logger.keys).toEqual([{ correlationId: 'req-5' }]);
  });
});
