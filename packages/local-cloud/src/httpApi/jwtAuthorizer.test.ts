import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { deployPlatformPool, freshCloud } from '../../tests/httpApi/support';
import type { AuthEngine } from '../auth';
import { authorizeJwt, type JwtDecision } from './jwtAuthorizer';
import type { AuthorizerDef } from './model';

let auth: AuthEngine;
let authorizer: AuthorizerDef;
let clientId: string;
let issuer: string;
let kid: string;

beforeAll(async () => {
  const { cloud } = freshCloud();
  ({ auth, clientId, issuer } = await deployPlatformPool(cloud));
  kid = auth.jwks(issuer)!.keys[0]!.kid!;
  authorizer = {
    id: 'a1',
    logicalId: 'Cognito',
    type: 'JWT',
    issuer,
    audience: [clientId],
    identitySource: [],
  };
});

const check = (token: string | undefined, routeScopes: string[] = ['spendwise/expenses.read']) =>
  authorizeJwt({ token, authorizer, routeScopes, keys: auth });

const refusal = (decision: JwtDecision) =>
  decision.ok ? 'accepted' : `${decision.status} ${decision.message}: ${decision.wwwAuthenticate}`;

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

describe('the JWT authorizer accepts', () => {
  it('a valid Cognito access token and passes its claims as strings', async () => {
    const token = await auth.mintToken({ user: { username: 'alice', groups: ['admin', 'ops'] } });

    const decision = await check(`Bearer ${token}`);

    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    const minted = payloadOf(token);
    expect(decision.claims).toMatchObject({
      sub: minted.sub,
      iss: issuer,
      client_id: clientId,
      token_use: 'access',
      username: 'alice',
      exp: String(minted.exp),
      iat: String(minted.iat),
      version: '2',
      'cognito:groups': '[admin ops]',
    });
    expect(decision.scopes).toContain('spendwise/expenses.read');
  });

  it('a token without the Bearer prefix', async () => {
    const decision = await check(await auth.mintToken({ user: 'alice' }));

    expect(refusal(decision)).toBe('accepted');
  });

  it('a token whose aud matches even when its client_id does not (aud is evaluated first)', async () => {
    const token = await auth.mintToken({
      user: 'alice',
      claims: { aud: clientId, client_id: 'someone-else' },
    });

    expect(refusal(await check(token))).toBe('accepted');
  });

  it('a token with scopes in an scp array', async () => {
    const token = await auth.mintToken({
      user: 'alice',
      scopes: [],
      claims: { scp: ['spendwise/expenses.read'] },
    });

    expect(refusal(await check(token))).toBe('accepted');
  });

  it('any token with a valid signature on a route without scopes, with scopes null', async () => {
    const decision = await check(await auth.mintToken({ user: 'alice', scopes: ['openid'] }), []);

    expect(decision).toMatchObject({ ok: true, scopes: null });
  });
});

describe('the JWT authorizer refuses with 401', () => {
  it('a request without a token', async () => {
    expect(refusal(await check(undefined))).toBe('401 Unauthorized: Bearer');
    expect(refusal(await check('Bearer '))).toBe('401 Unauthorized: Bearer');
  });

  it('a garbled token', async () => {
    expect(refusal(await check('Bearer not-a-jwt'))).toMatch(
      /^401 Unauthorized: Bearer scope="" error="invalid_token"/,
    );
  });

  it('a token signed by another key under the pool kid', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(payloadOf(await auth.mintToken({ user: 'mallory' })))
      .setProtectedHeader({ alg: 'RS256', kid })
      .sign(privateKey);

    expect(refusal(await check(forged))).toContain('the token signature is invalid');
  });

  it('a token whose kid is not in the issuer JWKS', async () => {
    const token = await auth.mintToken({ user: 'alice' });
    const [, payload, signature] = token.split('.');
    const rekeyed = `${b64({ ...decodeProtectedHeader(token), kid: 'other' })}.${payload}.${signature}`;

    expect(refusal(await check(rekeyed))).toContain('401 Unauthorized');
  });

  it('a token of another issuer', async () => {
    const token = await auth.mintToken({
      user: 'alice',
      claims: { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/x' },
    });

    expect(refusal(await check(token))).toContain('the token does not have a valid issuer');
  });

  it('a token for another audience, as client_id', async () => {
    const token = await auth.mintToken({ user: 'alice', claims: { client_id: 'another-client' } });

    expect(refusal(await check(token))).toBe(
      '401 Unauthorized: Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
  });

  it('a token for another audience, as aud, even with the right client_id', async () => {
    const token = await auth.mintToken({ user: 'alice', claims: { aud: ['another-api'] } });

    expect(refusal(await check(token))).toContain('the token does not have a valid audience');
  });

  it('a token it accepted before, once it has expired (a verified signature is remembered, never the claims checks)', async () => {
    const token = await auth.mintToken({ user: 'alice', expiresInSeconds: 60 });
    const exp = payloadOf(token).exp as number;

    expect((await authorizeJwt({ token, authorizer, routeScopes: [], keys: auth, now: exp - 1 })).ok).toBe(
      true,
    );
    const later = await authorizeJwt({ token, authorizer, routeScopes: [], keys: auth, now: exp });

    expect(refusal(later)).toContain('the token has expired');
  });

  it('an expired token', async () => {
    const token = await auth.mintToken({ user: 'alice', expiresInSeconds: -1 });

    expect(refusal(await check(token))).toContain('the token has expired');
  });

  it('a token without exp', async () => {
    const token = await auth.mintToken({ user: 'alice', claims: { exp: undefined } });

    expect(refusal(await check(token))).toContain('the token has expired');
  });

  it('a token not valid before a future nbf', async () => {
    const token = await auth.mintToken({ user: 'alice', claims: { nbf: now() + 60 } });

    expect(refusal(await check(token))).toContain('the token is not valid yet');
  });

  it('a token issued in the future', async () => {
    const token = await auth.mintToken({ user: 'alice', claims: { iat: now() + 60 } });

    expect(refusal(await check(token))).toContain('401 Unauthorized');
  });

  it('an unsigned token (alg none)', async () => {
    const payload = payloadOf(await auth.mintToken({ user: 'alice' }));
    const unsigned = `${b64({ alg: 'none', kid })}.${b64(payload)}.`;

    expect(refusal(await check(unsigned))).toContain('signing method none is invalid');
  });

  it('an HS256 token keyed with the public key', async () => {
    const pem = createPublicKey({ key: auth.jwks(issuer)!.keys[0]! as never, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const payload = payloadOf(await auth.mintToken({ user: 'alice' }));
    const confused = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', kid })
      .sign(new TextEncoder().encode(String(pem)));

    expect(refusal(await check(confused))).toContain('signing method HS256 is invalid');
  });

  it('every token when the authorizer issuer is not a local pool', async () => {
    const token = await auth.mintToken({ user: 'alice' });

    const decision = await authorizeJwt({
      token,
      authorizer: { ...authorizer, issuer: 'https://login.example.com' },
      routeScopes: [],
      keys: auth,
    });

    expect(refusal(decision)).toContain('401 Unauthorized');
  });
});

describe('the JWT authorizer refuses with 403', () => {
  it('a valid token without any of the route scopes', async () => {
    const token = await auth.mintToken({ user: 'alice', scopes: ['spendwise/expenses.read'] });

    const decision = await check(token, ['spendwise/expenses.write']);

    expect(refusal(decision)).toBe(
      '403 Forbidden: Bearer scope="spendwise/expenses.write" error="insufficient_scope" error_description="expected scopes: [spendwise/expenses.write]"',
    );
  });

  it('but accepts a token holding any one of several route scopes', async () => {
    const token = await auth.mintToken({ user: 'alice', scopes: ['spendwise/catalog.read'] });

    expect(refusal(await check(token, ['spendwise/expenses.read', 'spendwise/catalog.read']))).toBe(
      'accepted',
    );
  });
});
