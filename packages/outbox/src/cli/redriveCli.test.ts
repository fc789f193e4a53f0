import { describe, expect, it } from '@jest/globals';
import { runOutboxRedrive } from './redriveCli';

const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runOutboxRedrive(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('pnpm ops:outbox-redrive arguments', () => {
  it.each([
    [['--stage', 'dev'], '--service is required'],
    [['--service', 'expenses'], '--stage is required'],
    [
      ['--service', 'billing', '--stage', 'dev'],
      'unknown service "billing": one of catalog, expenses, insights',
    ],
    [['--service', 'expenses', '--stage', 'Dev!'], '"Dev!" is not a stage name'],
    [
      ['--service', 'expenses', '--stage', 'dev', '--older-than', 'soon'],
      '--older-than takes a number of minutes',
    ],
    [
      ['--service', 'expenses', '--stage', 'dev', '--endpoint', 'nowhere'],
      '--endpoint "nowhere" is not a URL',
    ],
    [['--service', 'expenses', '--stage', 'dev', '--force'], "Unknown option '--force'"],
  ])('refuses %j before touching AWS, with exit code 2', async (argv, message) => {
    const result = await run(...argv);

    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain('Usage: pnpm ops:outbox-redrive');
  });

  it('prints its usage on --help', async () => {
    expect(await run('--help')).toMatchObject({
      code: 0,
      out: expect.stringContaining('--older-than <minutes>'),
    });
  });
});
