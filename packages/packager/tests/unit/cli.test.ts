import { describe, expect, it } from '@jest/globals';
import { formatSummary, parseCliArgs } from '../../src/cli';

describe('parseCliArgs', () => {
  it('defaults to every service of stage dev', () => {
    expect(parseCliArgs([])).toEqual({ stage: 'dev', force: false, services: [], help: false });
  });

  it('reads stage, region, force, concurrency and service names (pnpm may pass a lone --)', () => {
    const options = parseCliArgs([
      '--',
      '--stage',
      'prod',
      '-r',
      'us-east-1',
      '--force',
      '-c',
      '2',
      'expenses',
    ]);

    expect(options).toEqual({
      stage: 'prod',
      region: 'us-east-1',
      force: true,
      concurrency: 2,
      services: ['expenses'],
      help: false,
    });
  });

  it('rejects unknown options and bad concurrency', () => {
    expect(() => parseCliArgs(['--stagee', 'x'])).toThrow(/stagee/);
    expect(() => parseCliArgs(['--concurrency', '0'])).toThrow('--concurrency must be a positive integer');
  });
});

describe('formatSummary', () => {
  it('prints one aligned row per service with paths relative to the root', () => {
    const rows = [
      {
        name: 'platform',
        dir: '/repo/services/platform',
        templatePath: '/repo/services/platform/.serverless/t.json',
        cached: true,
        durationMs: 40,
        functions: 0,
      },
      {
        name: 'expenses',
        dir: '/repo/services/expenses',
        templatePath: '/repo/services/expenses/.serverless/t.json',
        cached: false,
        durationMs: 4_560,
        functions: 6,
      },
    ];

    const table = formatSummary(rows, '/repo');

    expect(table.split('\n')).toEqual([
      'service   cached  time  functions  template',
      `--------  ------  ----  ---------  ${'-'.repeat('services/platform/.serverless/t.json'.length)}`,
      'platform  yes     0.0s  0          services/platform/.serverless/t.json',
      'expenses  no      4.6s  6          services/expenses/.serverless/t.json',
    ]);
  });
});
