import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { PackagingError, PackagingFailedError } from '../src/errors';
import { packageService } from '../src/packageService';
import { packageServices } from '../src/packageServices';
import type { ProgressEvent } from '../src/progress';
import { loadTemplate } from '../src/template';

// Two plugin-less services in a scratch repository: `app` depends on `base`. osls comes from this package.
const serviceYaml = (name: string, extra = '') => `service: ${name}
frameworkVersion: '>=3'
provider:
  name: aws
  runtime: nodejs24.x
${extra}resources:
  Resources:
    Topic:
      Type: AWS::SNS::Topic
      Properties:
        TopicName: ${name}-\${sls:stage}
`;

let root: string;

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

function recorder(): { events: string[]; onProgress: (event: ProgressEvent) => void } {
  const events: string[] = [];
  return {
    events,
    onProgress: (event) => events.push(`${event.type}${'service' in event ? ` ${event.service}` : ''}`),
  };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'spendwise-packager-'));
  await write(
    'serverless-compose.yml',
    'services:\n  app:\n    path: services/app\n    dependsOn: base\n  base:\n    path: services/base\n',
  );
  await write('services/base/serverless.yml', serviceYaml('base'));
  await write('services/app/serverless.yml', serviceYaml('app'));
  await write('pnpm-lock.yaml', 'lockfileVersion: 9\n');
});

describe('packageServices', () => {
  it('packages every service offline, dependencies first, and writes its template', async () => {
    const { events, onProgress } = recorder();

    const results = await packageServices({ rootDir: root, stage: 'test', onProgress });

    expect(results.map((r) => [r.name, r.cached])).toEqual([
      ['base', false],
      ['app', false],
    ]);
    expect(events).toEqual(['plan', 'start base', 'done base', 'start app', 'done app']);
    const template = await loadTemplate(join(root, 'services/app'));
    expect(template.Resources.Topic?.Properties?.TopicName).toBe('app-test');
    expect(existsSync(join(root, 'services/app/.serverless/.spendwise-package-hash'))).toBe(true);
  }, 60_000);

  it('reuses both packages when nothing changed', async () => {
    const { events, onProgress } = recorder();

    const results = await packageServices({ rootDir: root, stage: 'test', onProgress });

    expect(results.map((r) => r.cached)).toEqual([true, true]);
    expect(events).toEqual(['plan', 'cached base', 'cached app']);
  }, 60_000);

  it('repackages only the service whose sources changed', async () => {
    await write('services/app/serverless.yml', serviceYaml('app', '  memorySize: 512\n'));

    const results = await packageServices({ rootDir: root, stage: 'test' });

    expect(results.map((r) => [r.name, r.cached])).toEqual([
      ['base', true],
      ['app', false],
    ]);
  }, 60_000);

  it('repackages for another stage, and everything when forced', async () => {
    const otherStage = await packageServices({ rootDir: root, stage: 'qa', services: ['app'] });
    const forced = await packageServices({ rootDir: root, stage: 'qa', force: true });

    expect(otherStage.map((r) => [r.name, r.cached])).toEqual([['app', false]]);
    expect(forced.map((r) => r.cached)).toEqual([false, false]);
  }, 60_000);

  it("fails with osls's own error and skips the services that depend on the broken one", async () => {
    await write('services/base/serverless.yml', serviceYaml('base', '  bogusSetting: true\n'));
    const { events, onProgress } = recorder();

    const attempt = packageServices({ rootDir: root, stage: 'test', onProgress });

    await expect(attempt).rejects.toThrow(PackagingFailedError);
    await expect(attempt).rejects.toThrow(/base.*\n[\s\S]*unrecognized property 'bogusSetting'/);
    expect(events).toEqual(['plan', 'start base', 'failed base', 'skipped app']);
    await write('services/base/serverless.yml', serviceYaml('base'));
  }, 60_000);
});

describe('packageService', () => {
  it('reports a bundle that fails to build instead of waiting for osls, which never exits', async () => {
    const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/broken-bundle');
    const service = { name: 'broken-bundle', dir: fixture, dependsOn: [], params: {} };

    const attempt = packageService({
      rootDir: root,
      service,
      stage: 'dev',
      region: 'eu-west-1',
      force: true,
    });

    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackagingError);
    expect((error as PackagingError).output).toContain('Could not resolve "./doesNotExist"');
    expect((error as PackagingError).output).toContain('osls reported an error but had not exited');
  }, 60_000);
});
