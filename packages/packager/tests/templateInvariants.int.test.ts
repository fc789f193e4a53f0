import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readCompose } from '../src/compose';
import { checkBackupCoverage, checkTemplate } from '../src/invariants';
import { packageService } from '../src/packageService';
import { packageServices } from '../src/packageServices';
import { loadTemplate } from '../src/template';

// Packages every service of serverless-compose.yml (cached: fast when nothing changed, a few minutes from a
// fresh clone) plus the sample fixture, then checks each packaged template against every invariant.
const here = dirname(fileURLToPath(import.meta.url));
const rootDir = resolve(here, '../../..');
const stage = 'dev';
const sample = { name: 'sample', dir: join(here, 'fixtures/sample-service'), dependsOn: [], params: {} };
const services = await readCompose(rootDir);

beforeAll(async () => {
  await packageServices({ rootDir, stage });
  await packageService({ rootDir, service: sample, stage, region: 'eu-west-1' });
}, 600_000);

describe('packaged templates', () => {
  it.each(services.map((s) => [s.name, s.dir]))('%s keeps every template invariant', async (name, dir) => {
    const template = await loadTemplate(dir);

    const violations = checkTemplate(template, name, { stage });

    expect(violations.map((v) => v.message)).toEqual([]);
  });

  it('every table of every service is in a backup selection (services/backup)', async () => {
    const templates = await Promise.all(
      services.map(async (s) => ({ service: s.name, template: await loadTemplate(s.dir) })),
    );

    const violations = checkBackupCoverage(templates);

    expect(
      templates.some(({ template }) => JSON.stringify(template).includes('AWS::Backup::BackupSelection')),
    ).toBe(true);
    expect(violations.map((v) => v.message)).toEqual([]);
  });

  it('the sample fixture, with a function of every kind, keeps every template invariant', async () => {
    const template = await loadTemplate(sample.dir);

    const violations = checkTemplate(template, sample.name, { stage });

    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(
      4,
    );
    expect(violations.map((v) => v.message)).toEqual([]);
  });
});
