import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readBuild } from '../src/aws';
import { deployWeb } from '../src/deployWeb';
import type { StackOutputs } from '../src/ports';
import { type LocalFile, planWebDeploy, type Upload } from '../src/webPlan';

const file = (key: string, text = key): LocalFile => ({ key, body: Buffer.from(text) });
const etag = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;

describe('planWebDeploy', () => {
  const build = [
    file('index.html'),
    file('config.json'),
    file('assets/index-a1.js'),
    file('assets/index-b2.css'),
    file('favicon.svg'),
  ];

  it('uploads hashed assets first, then config.json, then index.html, with their cache headers and types', () => {
    const plan = planWebDeploy(build, []);

    expect(plan.uploads.map((u) => [u.key, u.cacheControl, u.contentType])).toEqual([
      ['assets/index-a1.js', 'public, max-age=31536000, immutable', 'text/javascript; charset=utf-8'],
      ['assets/index-b2.css', 'public, max-age=31536000, immutable', 'text/css; charset=utf-8'],
      ['favicon.svg', 'no-cache', 'image/svg+xml'],
      ['config.json', 'no-cache', 'application/json; charset=utf-8'],
      ['index.html', 'no-cache', 'text/html; charset=utf-8'],
    ]);
    expect(plan.invalidations).toEqual(['/index.html', '/config.json']);
  });

  it('skips hashed assets already in the bucket, rewrites entry points, and deletes what the build dropped', () => {
    const remote = [
      { key: 'assets/index-a1.js', etag: etag('assets/index-a1.js') },
      { key: 'assets/index-old.js', etag: etag('old') },
      { key: 'index.html', etag: etag('index.html') },
      { key: 'config.json', etag: etag('config.json') },
    ];

    const plan = planWebDeploy(build, remote);

    expect(plan.unchanged).toEqual(['assets/index-a1.js']);
    expect(plan.uploads.map((u) => u.key)).toEqual([
      'assets/index-b2.css',
      'favicon.svg',
      'config.json',
      'index.html',
    ]);
    expect(plan.deletes).toEqual(['assets/index-old.js']);
  });

  it('re-uploads a hashed asset whose bytes differ from the bucket copy', () => {
    const plan = planWebDeploy(build, [{ key: 'assets/index-a1.js', etag: etag('something else') }]);

    expect(plan.uploads.map((u) => u.key)).toContain('assets/index-a1.js');
  });

  it('refuses a build without index.html', () => {
    expect(() => planWebDeploy([file('config.json')], [])).toThrow('the build has no index.html');
  });
});

/** Records every call the deploy makes, in order. */
function fakes(remote: { key: string; etag: string }[] = []) {
  const calls: string[] = [];
  const uploads: Upload[] = [];
  const outputs: Record<string, StackOutputs> = {
    'spendwise-edge-prod': {
      outputs: { WebBucketName: 'web-bucket', DistributionId: 'E123', WebUrl: 'https://d1.cloudfront.net' },
      accountId: '123456789012',
    },
    'spendwise-platform-prod': {
      outputs: {
        Issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_P00l',
        AppClientId: 'client-1',
      },
      accountId: '123456789012',
    },
  };
  const lines: string[] = [];
  return {
    calls,
    uploads,
    lines,
    ports: {
      stacks: {
        outputs: async (name: string, region: string) => {
          calls.push(`outputs ${name} ${region}`);
          const found = outputs[name];
          if (!found) throw new Error(`no stack ${name}`);
          return found;
        },
      },
      bucket: {
        list: async (bucket: string) => {
          calls.push(`list ${bucket}`);
          return remote;
        },
        put: async (bucket: string, upload: Upload) => {
          calls.push(`put ${bucket} ${upload.key}`);
          uploads.push(upload);
        },
        delete: async (bucket: string, keys: string[]) => {
          calls.push(`delete ${bucket} ${keys.join(',')}`);
        },
      },
      cdn: {
        invalidate: async (id: string, paths: string[]) => {
          calls.push(`invalidate ${id} ${paths.join(',')}`);
          return 'I1';
        },
      },
      build: {
        build: async () => {
          calls.push('build');
        },
        read: async () => [
          file('index.html', '<html>'),
          file('assets/app-1.js', 'js'),
          file('config.json', 'stale local'),
        ],
      },
      out: (line: string) => lines.push(line),
    },
  };
}

const options = {
  stage: 'prod',
  region: 'eu-west-1',
  edgeRegion: 'us-east-1',
  dryRun: false,
  skipBuild: false,
};

describe('deployWeb', () => {
  it('builds, uploads, deletes stale files only after every upload, then invalidates the entry points', async () => {
    const fake = fakes([{ key: 'assets/app-0.js', etag: etag('old') }]);

    const result = await deployWeb(options, fake.ports);

    expect(fake.calls).toEqual([
      'outputs spendwise-edge-prod us-east-1',
      'outputs spendwise-platform-prod eu-west-1',
      'build',
      'list web-bucket',
      'put web-bucket assets/app-1.js',
      'put web-bucket config.json',
      'put web-bucket index.html',
      'delete web-bucket assets/app-0.js',
      'invalidate E123 /index.html,/config.json',
    ]);
    expect(result.invalidationId).toBe('I1');
    expect(fake.lines.at(-1)).toBe('deployed the web app: https://d1.cloudfront.net');
  });

  it('writes config.json from the stacks (the shared contract), not the one in the build folder', async () => {
    const fake = fakes();

    await deployWeb(options, fake.ports);

    const config = JSON.parse(fake.uploads.find((u) => u.key === 'config.json')!.body.toString());
    expect(config).toEqual({
      stage: 'prod',
      apiBase: '/api',
      auth: {
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_P00l',
        clientId: 'client-1',
        scopes: expect.arrayContaining([
          'openid',
          'email',
          'spendwise/expenses.write',
          'spendwise/notifications.read',
        ]),
        redirectPath: '/callback',
        logoutUrl: 'https://spendwise-prod-123456789012.auth.eu-west-1.amazoncognito.com/logout',
      },
    });
    expect(config.auth.scopes).toHaveLength(10);
  });

  it('changes nothing on a dry run and says what it would do', async () => {
    const fake = fakes([{ key: 'assets/app-0.js', etag: etag('old') }]);

    await deployWeb({ ...options, dryRun: true, skipBuild: true }, fake.ports);

    expect(fake.calls.filter((c) => /^(put|delete|invalidate|build)/.test(c))).toEqual([]);
    expect(fake.lines).toContain('  would delete assets/app-0.js');
    expect(fake.lines).toContain('  would upload index.html (text/html; charset=utf-8; no-cache)');
  });

  it('stops before touching the bucket when a stack is missing', async () => {
    const fake = fakes();
    fake.ports.stacks.outputs = async (name) => {
      throw new Error(`Stack with id ${name} does not exist`);
    };

    await expect(deployWeb(options, fake.ports)).rejects.toThrow('spendwise-edge-prod does not exist');
    expect(fake.calls).toEqual([]);
  });
});

describe('readBuild', () => {
  it('keys every file of the build folder by its path with forward slashes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'web-dist-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<html>');
    await writeFile(join(dir, 'assets', 'index-a1.js'), 'js');

    expect((await readBuild(dir)).map((f) => [f.key, f.body.toString()])).toEqual([
      ['assets/index-a1.js', 'js'],
      ['index.html', '<html>'],
    ]);
  });
});
