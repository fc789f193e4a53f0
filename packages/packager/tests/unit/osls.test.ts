import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { offlineEnv, resolveOsls } from '../../src/osls';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('offlineEnv', () => {
  it('removes credentials, profiles and regions, and points the AWS config files nowhere', () => {
    const env = offlineEnv({
      PATH: '/usr/bin',
      AWS_PROFILE: 'prod',
      AWS_ACCESS_KEY_ID: 'AKIA',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_REGION: 'us-east-1',
      AWS_CA_BUNDLE: '/etc/ssl/ca.pem',
    });

    expect(env).toMatchObject({
      PATH: '/usr/bin',
      AWS_CA_BUNDLE: '/etc/ssl/ca.pem',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    for (const name of [
      'AWS_PROFILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_REGION',
    ]) {
      expect(env[name]).toBeUndefined();
    }
    expect(existsSync(env.AWS_SHARED_CREDENTIALS_FILE!)).toBe(false);
    expect(existsSync(env.AWS_CONFIG_FILE!)).toBe(false);
  });
});

describe('resolveOsls', () => {
  it("finds the osls a service depends on, or else the packager's own", () => {
    const fromService = resolveOsls(join(repoRoot, 'services/platform'));
    const fallback = resolveOsls('/nonexistent/service');

    expect(fromService.version).toMatch(/^4\./);
    expect(existsSync(fromService.bin)).toBe(true);
    expect(existsSync(fallback.bin)).toBe(true);
  });
});
