import { describe, expect, it } from '@jest/globals';
import { fakeCloud } from '../testing/fakeCloud';
import { resolveSecretReference, SecretStore } from './secretStore';

describe('SecretStore', () => {
  it('generates a value as GenerateSecretString says and resolves it by ARN or name', async () => {
    const store = new SecretStore();
    const { cloud } = fakeCloud();
    const [provider] = store.providers();
    const created = await provider!.create(
      {
        stack: 'edge',
        stackDir: '/tmp/edge',
        logicalId: 'OriginSecret',
        type: 'AWS::SecretsManager::Secret',
        properties: {
          Name: 'spendwise/dev/origin-verify',
          GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
        },
      },
      cloud,
    );

    expect(created.ref).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:000000000000:secret:spendwise\/dev\/origin-verify-[0-9a-f]{6}$/,
    );
    const value = resolveSecretReference(store, `${created.ref}:SecretString`);
    expect(value).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(resolveSecretReference(store, 'spendwise/dev/origin-verify')).toBe(value);
    expect(resolveSecretReference(store, 'other')).toBeUndefined();
  });

  it('reads a JSON key of a templated secret', async () => {
    const store = new SecretStore();
    const { cloud } = fakeCloud();
    await store.providers()[0]!.create(
      {
        stack: 'edge',
        stackDir: '/tmp/edge',
        logicalId: 'Db',
        type: 'AWS::SecretsManager::Secret',
        properties: {
          Name: 'db',
          GenerateSecretString: {
            SecretStringTemplate: '{"user":"app"}',
            GenerateStringKey: 'password',
            PasswordLength: 8,
          },
        },
      },
      cloud,
    );

    expect(resolveSecretReference(store, 'db:SecretString:user')).toBe('app');
    expect(resolveSecretReference(store, 'db:SecretString:password::')).toHaveLength(8);
  });
});
