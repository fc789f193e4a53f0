import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { deploy, deployPlatformPool, freshCloud, SPENDWISE_SCOPES } from '../../tests/httpApi/support';
import type { AwsRequest } from '../core/protocol';
import { AuthEngine } from './authEngine';
import { InvalidScopeError } from './mintToken';
import { UnknownIssuerError } from './userPools';

const get = (path: string): AwsRequest => ({
  service: '',
  protocol: 'rest',
  action: '',
  method: 'GET',
  path,
  query: new URLSearchParams(),
  headers: { host: '127.0.0.1:4566' },
  body: Buffer.alloc(0),
  http2: false,
});

describe('the local Cognito user pool', () => {
  it('gives the pool an id, ARN and provider URL shaped exactly like Cognito', async () => {
    const { cloud } = freshCloud();

    const { pool, poolId } = await deployPlatformPool(cloud);

    expect(poolId).toMatch(/^eu-west-1_local[0-9A-Za-z]{4}$/);
    expect(pool.attributes).toEqual({
      Arn: `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${poolId}`,
      ProviderName: `cognito-idp.eu-west-1.amazonaws.com/${poolId}`,
      ProviderURL: `cognito-idp.eu-west-1.amazonaws.com/${poolId}`,
      UserPoolId: poolId,
    });
  });

  it('gives the app client a 26-character id and lists it under the issuer', async () => {
    const { cloud } = freshCloud();

    const { auth, clientId, issuer, poolId } = await deployPlatformPool(cloud);

    expect(clientId).toMatch(/^[0-9a-z]{26}$/);
    expect(auth.issuers()).toEqual([{ issuer, poolId, clientIds: [clientId] }]);
  });

  it('reports the sign-in features of the pool and client that the local issuer does not emulate', async () => {
    const { cloud, recorded } = freshCloud();

    await deployPlatformPool(cloud);

    expect(recorded.unsupported.map(({ logicalId, property }) => `${logicalId}: ${property}`)).toEqual([
      'UserPool: MfaConfiguration',
      'AppClient: ExplicitAuthFlows',
    ]);
  });

  it('accepts a user pool domain but reports that its name is not served', async () => {
    const { cloud, recorded } = freshCloud();
    const { auth, poolId } = await deployPlatformPool(cloud);

    const domain = await deploy(auth, cloud, 'AWS::Cognito::UserPoolDomain', 'UserPoolDomain', {
      UserPoolId: poolId,
      Domain: 'spendwise-dev-000000000000',
    });

    expect(domain.ref).toBe('spendwise-dev-000000000000');
    expect(recorded.unsupported.at(-1)).toMatchObject({ logicalId: 'UserPoolDomain', property: '*' });
  });
});

describe('mintToken', () => {
  it('mints an RS256 access token shaped like Cognito with every scope the client allows by default', async () => {
    const { cloud } = freshCloud();
    const { auth, clientId, issuer } = await deployPlatformPool(cloud);

    const token = await auth.mintToken({ user: 'alice' });

    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(auth.jwks(issuer)!), {
      issuer,
    });
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: auth.jwks(issuer)!.keys[0]!.kid });
    expect(payload).toMatchObject({
      iss: issuer,
      client_id: clientId,
      token_use: 'access',
      username: 'alice',
    });
    expect(payload.scope).toBe(`openid email ${SPENDWISE_SCOPES.map((s) => `spendwise/${s}`).join(' ')}`);
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.auth_time).toBe(payload.iat);
    expect(payload.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(typeof payload.jti).toBe('string');
    expect(payload.aud).toBeUndefined();
  });

  it('gives the same user the same sub in every token', async () => {
    const { cloud } = freshCloud();
    const { auth } = await deployPlatformPool(cloud);

    const [first, second] = await Promise.all([
      auth.mintToken({ user: 'bob' }),
      auth.mintToken({ user: 'bob' }),
    ]);

    const sub = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub;
    expect(sub(first)).toBe(sub(second));
  });

  it('refuses a scope the app client is not allowed, as Cognito answers invalid_scope', async () => {
    const { cloud } = freshCloud();
    const { auth } = await deployPlatformPool(cloud);

    await expect(auth.mintToken({ user: 'alice', scopes: ['spendwise/admin'] })).rejects.toThrow(
      InvalidScopeError,
    );
  });

  it('refuses an issuer that is not a local pool', async () => {
    const { cloud } = freshCloud();
    const { auth } = await deployPlatformPool(cloud);

    await expect(auth.mintToken({ user: 'alice', issuer: 'https://example.com' })).rejects.toThrow(
      UnknownIssuerError,
    );
  });

  it('keeps the signing key across restarts so earlier tokens still verify', async () => {
    const { cloud } = freshCloud();
    const { auth, issuer } = await deployPlatformPool(cloud);
    const token = await auth.mintToken({ user: 'alice' });

    const restarted = await deployPlatformPool(cloud, new AuthEngine(cloud));

    expect(restarted.issuer).toBe(issuer);
    const { payload } = await jwtVerify(token, createLocalJWKSet(restarted.auth.jwks(issuer)!));
    expect(payload.username).toBe('alice');
    expect(decodeProtectedHeader(token).kid).toBe(restarted.auth.jwks(issuer)!.keys[0]!.kid);
  });
});

describe('the well-known routes', () => {
  it('serves the JWKS of a pool at /<poolId>/.well-known/jwks.json', async () => {
    const { cloud } = freshCloud();
    const { auth, issuer, poolId } = await deployPlatformPool(cloud);
    const [route] = auth.routes();

    const response = await route!.handle(get(`/${poolId}/.well-known/jwks.json`));

    expect(route!.path).toBe('/eu-west-1_*');
    expect(response).toMatchObject({ status: 200, body: auth.jwks(issuer) });
    expect(auth.jwks(issuer)!.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig', e: 'AQAB' });
    expect(auth.jwks(issuer)!.keys[0]).not.toHaveProperty('d');
  });

  it('serves the OpenID configuration with the Cognito issuer and a local jwks_uri', async () => {
    const { cloud } = freshCloud();
    const { auth, issuer, poolId } = await deployPlatformPool(cloud);

    const response = await auth.routes()[0]!.handle(get(`/${poolId}/.well-known/openid-configuration`));

    expect(response.body).toMatchObject({
      issuer,
      jwks_uri: `http://127.0.0.1:4566/${poolId}/.well-known/jwks.json`,
    });
  });

  it('builds jwks_uri from its own address, not from the Host header the request names', async () => {
    const { cloud } = freshCloud();
    const { auth, poolId } = await deployPlatformPool(cloud);
    const request = get(`/${poolId}/.well-known/openid-configuration`);
    request.headers.host = 'evil.example:4566';

    const response = await auth.routes()[0]!.handle(request);

    expect(JSON.stringify(response.body)).not.toContain('evil.example');
    expect(response.body).toMatchObject({
      jwks_uri: `http://127.0.0.1:4566/${poolId}/.well-known/jwks.json`,
    });
  });

  it('answers 404 for a pool that does not exist', async () => {
    const { cloud } = freshCloud();
    const { auth } = await deployPlatformPool(cloud);

    const response = await auth.routes()[0]!.handle(get('/eu-west-1_nope/.well-known/jwks.json'));

    expect(response.status).toBe(404);
  });
});
