import { describe, expect, it } from '@jest/globals';
import {
  type DistributionConfigLike,
  rotateOriginSecret,
  secretOrigins,
  withOriginSecret,
} from '../src/rotateOriginSecret';

const config = (): DistributionConfigLike => ({
  Origins: {
    Quantity: 3,
    Items: [
      { Id: 'web' },
      {
        Id: 'api-expenses',
        CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'x-origin-verify', HeaderValue: 'old' }] },
      },
      {
        Id: 'api-catalog',
        CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'x-origin-verify', HeaderValue: 'old' }] },
      },
    ],
  },
});

function fakes() {
  const calls: string[] = [];
  let updated: DistributionConfigLike | undefined;
  return {
    calls,
    updated: () => updated,
    ports: {
      stacks: {
        outputs: async () => ({
          outputs: { DistributionId: 'E1', OriginSecretName: 'spendwise/prod/origin-verify' },
          accountId: '1',
        }),
      },
      secrets: {
        newValue: async () => 'new-value',
        put: async (id: string, value: string) => {
          calls.push(`put ${id} ${value}`);
          return 'v2';
        },
      },
      distributions: {
        getConfig: async () => {
          calls.push('get');
          return { config: config(), etag: 'ETAG1' };
        },
        update: async (_id: string, next: DistributionConfigLike, etag: string) => {
          calls.push(`update ${etag}`);
          updated = next;
        },
        waitDeployed: async () => {
          calls.push('deployed');
        },
      },
      sleep: async (ms: number) => {
        calls.push(`sleep ${ms}`);
      },
      out: () => undefined,
    },
  };
}

describe('rotateOriginSecret', () => {
  it('puts the new value first, waits out the functions caches, then updates every API origin', async () => {
    const fake = fakes();

    const result = await rotateOriginSecret(
      { stage: 'prod', edgeRegion: 'us-east-1', waitSeconds: 330, dryRun: false },
      fake.ports,
    );

    expect(fake.calls).toEqual([
      'get',
      'put spendwise/prod/origin-verify new-value',
      'sleep 330000',
      'get',
      'update ETAG1',
      'deployed',
    ]);
    expect(result.versionId).toBe('v2');
    expect(secretOrigins(fake.updated()!)).toEqual(['api-expenses', 'api-catalog']);
    expect(
      fake
        .updated()!
        .Origins!.Items!.flatMap((o) => o.CustomHeaders?.Items ?? [])
        .map((h) => h.HeaderValue),
    ).toEqual(['new-value', 'new-value']);
  });

  it('changes nothing on a dry run', async () => {
    const fake = fakes();

    await rotateOriginSecret(
      { stage: 'prod', edgeRegion: 'us-east-1', waitSeconds: 330, dryRun: true },
      fake.ports,
    );

    expect(fake.calls).toEqual(['get']);
  });

  it('refuses a distribution that sends no origin header', async () => {
    const fake = fakes();
    fake.ports.distributions.getConfig = async () => ({
      config: { Origins: { Items: [{ Id: 'web' }] } },
      etag: 'E',
    });

    await expect(
      rotateOriginSecret(
        { stage: 'prod', edgeRegion: 'us-east-1', waitSeconds: 0, dryRun: false },
        fake.ports,
      ),
    ).rejects.toThrow('sends no x-origin-verify header');
  });

  it('leaves the given config untouched', () => {
    const original = config();

    withOriginSecret(original, 'x');

    expect(original.Origins!.Items![1]!.CustomHeaders!.Items![0]!.HeaderValue).toBe('old');
  });
});
