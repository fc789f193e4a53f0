// biome-ignore-all lint/suspicious/noTemplateCurlyInString: a Serverless variable written into serverless.yml
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { computePlan } from './deploy';
import { offlineChangeSets } from './dryRun';
import { exportTree } from './git';

// A throwaway repository made of this checkout's committed tree (base), plus one commit that changes the
// platform service (head): the planner and the offline change set run on two real commits, with the real
// packager and osls, offline. Dependencies come from the pnpm store (`pnpm install --offline`).
const rootDir = fileURLToPath(new URL('../..', import.meta.url));
let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'spendwise-dry-run-'));
  exportTree(rootDir, 'HEAD', repo);
  git('init', '--quiet', '--initial-branch=main');
  git('-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', 'add', '-A');
  git('-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', 'commit', '--quiet', '-m', 'base');
  const file = join(repo, 'services/platform/serverless.yml');
  const text = await readFile(file, 'utf8');
  const changed = text
    .replace(
      'Description: Every Spendwise event, kept for replay',
      'Description: Every Spendwise event, for replay',
    )
    .replace(
      '  Resources:\n',
      '  Resources:\n    PlanProbe:\n      Type: AWS::SSM::Parameter\n      Properties:\n' +
        '        Name: /spendwise/${sls:stage}/plan-probe\n        Type: String\n        Value: probe\n\n',
    );
  expect(changed).not.toBe(text);
  await writeFile(file, changed);
  git('-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', 'commit', '--quiet', '-am', 'head');
});

afterAll(async () => {
  if (repo) await rm(repo, { recursive: true, force: true });
});

describe('the deploy dry run on two commits, offline', () => {
  it('plans platform first, then everything that depends on it, from the commit range', async () => {
    const computed = await computePlan(repo, { head: 'HEAD', region: 'eu-west-1' });

    expect(computed.base).toBe(git('rev-parse', 'HEAD~1'));
    expect(computed.plan.files.map((f) => f.file)).toEqual(['services/platform/serverless.yml']);
    expect(computed.plan.targets.map((t) => t.name)).toEqual([
      'platform',
      'expenses',
      'catalog',
      'insights',
      'notifications',
      'edge',
      'backup',
      'web',
    ]);
    expect(computed.plan.targets[0]!.reasons).toEqual(['changed: services/platform/serverless.yml']);
  });

  it('packages the service at both commits and describes the added and the modified resource', async () => {
    const result = await offlineChangeSets({
      rootDir: repo,
      base: git('rev-parse', 'HEAD~1'),
      head: git('rev-parse', 'HEAD'),
      names: ['platform'],
      stage: 'dev',
      region: 'eu-west-1',
    });

    const [platform] = result.services;
    expect(platform!.diff.resources).toEqual([
      { action: 'Add', logicalId: 'PlanProbe', type: 'AWS::SSM::Parameter', paths: [] },
      {
        action: 'Modify',
        logicalId: 'EventArchive',
        type: 'AWS::Events::Archive',
        paths: ['Properties.Description'],
      },
    ]);
    expect(platform!.text.split('\n')[0]).toMatch(
      /^platform: 1 to add, 1 to modify, 0 to remove \(base \w+ → head \w+\)$/,
    );
    expect(result.head.get('platform')?.serviceName).toBe('spendwise-platform');
  }, 600_000);
});
