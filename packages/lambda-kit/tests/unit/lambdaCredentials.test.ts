import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { defaultProvider } from '../../src/lambdaCredentials';

const variables = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
let saved: Partial<Record<(typeof variables)[number], string>>;
beforeEach(() => {
  saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));
});
afterEach(() => {
  for (const name of variables) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('lambdaCredentials defaultProvider', () => {
  it('resolves the credentials the Lambda runtime puts in the environment', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'token';

    const credentials = await defaultProvider()();

    expect(credentials).toMatchObject({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('fails without them instead of looking anywhere else', async () => {
    for (const name of variables) delete process.env[name];

    await expect(defaultProvider()()).rejects.toMatchObject({ name: 'CredentialsProviderError' });
  });
});
