import { afterEach, describe, expect, it } from '@jest/globals';
import type { LambdaEngine } from '../LambdaEngine';
import { deployFixtures } from '../testing/deployFixtures';

const engines: LambdaEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});
async function deployed(...args: Parameters<typeof deployFixtures>) {
  const deployment = await deployFixtures(...args);
  engines.push(deployment.engine);
  return deployment;
}

const EMF = JSON.stringify({
  _aws: {
    Timestamp: 1_767_225_600_000,
    CloudWatchMetrics: [
      {
        Namespace: 'Spendwise',
        Dimensions: [['service'], ['service', 'currency']],
        Metrics: [{ Name: 'ExpenseRecorded', Unit: 'Count' }],
      },
    ],
  },
  service: 'expenses',
  currency: 'EUR',
  ExpenseRecorded: 1,
});

describe('runInvocation logs and metrics', () => {
  it('writes START, the function’s lines, END and REPORT per invocation, with Init Duration on the cold one', async () => {
    const source =
      'console.log("loading"); export const handler = async (e) => { console.log("got", e.n); console.error("multi\\nline"); return e.n; };';
    const { engine, recorded } = await deployed([{ name: 'chatty', source }]);

    await engine.invoke('chatty', { n: 1 });
    await engine.invoke('chatty', { n: 2 });

    const lines = recorded.logs.filter((l) => l.logGroup === '/aws/lambda/chatty').map((l) => l.line);
    const shape = lines.map((line) => line.split(/[\t ]/)[0]?.replace(/^\d{4}-.*$/, 'TIMESTAMPED'));
    expect(shape).toEqual([
      'INIT_START',
      'TIMESTAMPED',
      'START',
      'TIMESTAMPED',
      'TIMESTAMPED',
      'END',
      'REPORT',
      'START',
      'TIMESTAMPED',
      'TIMESTAMPED',
      'END',
      'REPORT',
    ]);
    const reports = lines.filter((l) => l.startsWith('REPORT'));
    expect(reports[0]).toMatch(
      /^REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/,
    );
    expect(reports[1]).not.toMatch(/Init Duration/);
    expect(lines).toContainEqual(expect.stringMatching(/\tINFO\tgot 2$/));
    expect(lines).toContainEqual(expect.stringMatching(/\tERROR\tmulti\rline$/));
  });

  it('turns an EMF line into one datum per dimension set, and puts the AWS/Lambda metrics', async () => {
    const source = `export const handler = async () => { process.stdout.write(${JSON.stringify(`${EMF}\n`)}); return 1; };`;
    const { engine, recorded } = await deployed([{ name: 'metered', source }]);

    await engine.invoke('metered', {});

    const business = recorded.metrics.filter((m) => m.namespace === 'Spendwise');
    expect(business.map((m) => m.dimensions)).toEqual([
      { service: 'expenses' },
      { service: 'expenses', currency: 'EUR' },
    ]);
    expect(business[0]).toMatchObject({
      name: 'ExpenseRecorded',
      value: 1,
      unit: 'Count',
      timestamp: new Date(1_767_225_600_000),
    });
    const builtIn = recorded.metrics
      .filter((m) => m.namespace === 'AWS/Lambda')
      .map((m) => `${m.name}=${m.name === 'Duration' ? 'd' : m.value}`);
    expect(builtIn).toEqual(['ConcurrentExecutions=1', 'Invocations=1', 'Errors=0', 'Duration=d']);
    expect(
      recorded.metrics.every((m) => m.namespace !== 'AWS/Lambda' || m.dimensions.FunctionName === 'metered'),
    ).toBe(true);
  });

  it('counts a failed invocation in the Errors metric and reports an import failure as Runtime.ImportModuleError', async () => {
    const { engine, recorded } = await deployed([
      {
        name: 'broken',
        source: 'export const handler = async () => 1;',
        properties: { Handler: 'src/missing.handler' },
      },
    ]);

    const outcome = await engine.invoke('broken', {});

    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.ImportModuleError', coldStart: true });
    expect(recorded.metrics.find((m) => m.name === 'Errors')?.value).toBe(1);
  });

  it('reports a handler that is not exported as Runtime.HandlerNotFound', async () => {
    const { engine } = await deployed([
      { name: 'unexported', source: 'export const other = async () => 1;' },
    ]);

    await expect(engine.invoke('unexported', {})).resolves.toMatchObject({
      ok: false,
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'src/handler.handler is undefined or not exported',
    });
  });
});
