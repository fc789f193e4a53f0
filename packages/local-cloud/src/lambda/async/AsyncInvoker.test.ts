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

const DLQ = 'arn:aws:sqs:eu-west-1:000000000000:failures-dlq';
const failing =
  'let calls = 0; export const handler = async () => { calls += 1; throw new TypeError("attempt " + calls); };';

describe('asynchronous invocation', () => {
  it('answers at once, retries twice with the configured delays, then sends the event to the DLQ', async () => {
    const { engine, recorded } = await deployed(
      [{ name: 'flaky', source: failing, properties: { DeadLetterConfig: { TargetArn: DLQ } } }],
      { asyncRetryDelaysMs: [50, 100] },
    );

    const started = performance.now();
    const queued = await engine.invoke('flaky', { expenseId: 'e-1' }, { async: true });
    await engine.settled();
    const elapsed = performance.now() - started;

    expect(queued).toEqual({ ok: true, result: undefined, durationMs: 0, coldStart: false });
    expect(engine.functions()[0]).toMatchObject({ invocations: 3, errors: 3, coldStarts: 1 });
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(recorded.sent).toHaveLength(1);
    const [dead] = recorded.sent;
    expect(dead?.queueRef).toBe(DLQ);
    expect(JSON.parse(dead?.message.body ?? '')).toEqual({ expenseId: 'e-1' });
    expect(dead?.message.attributes).toMatchObject({
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: 'attempt 3' },
      RequestID: { DataType: 'String' },
    });
  });

  it('follows EventInvokeConfig: no retries, and an invocation record to the on-failure queue', async () => {
    const { engine, providers, recorded, cloud } = await deployed([{ name: 'once', source: failing }]);
    const config = providers.find((p) => p.types.includes('AWS::Lambda::EventInvokeConfig'))!;
    await config.create(
      {
        stack: 'fixture',
        stackDir: '/tmp',
        logicalId: 'OnceEventInvokeConfig',
        type: 'AWS::Lambda::EventInvokeConfig',
        properties: {
          FunctionName: 'once',
          Qualifier: '$LATEST',
          MaximumRetryAttempts: 0,
          DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:000000000000:on-failure' } },
        },
      },
      cloud,
    );

    await engine.invoke('once', { n: 1 }, { async: true });
    await engine.settled();

    expect(engine.functions()[0]?.invocations).toBe(1);
    const record = JSON.parse(recorded.sent[0]?.message.body ?? '');
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: {
        functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:once:$LATEST',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 1,
      },
      requestPayload: { n: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'TypeError', errorMessage: 'attempt 1' },
    });
  });

  it('sends a success record to an EventBridge on-success destination', async () => {
    const bus = 'arn:aws:events:eu-west-1:000000000000:event-bus/spendwise-local';
    const { engine, recorded } = await deployed([
      { name: 'fine', source: 'export const handler = async (e) => ({ seen: e.n });' },
    ]);
    engine.setEventInvokeConfig('fine', {
      maximumRetryAttempts: 2,
      maximumEventAgeSeconds: 60,
      onSuccess: bus,
    });

    await engine.invoke('fine', { n: 7 }, { async: true });
    await engine.settled();

    expect(recorded.events).toHaveLength(1);
    expect(recorded.events[0]).toMatchObject({
      Source: 'lambda',
      DetailType: 'Lambda Function Invocation Result - Success',
      EventBusName: bus,
    });
    expect(JSON.parse(recorded.events[0]?.Detail ?? '')).toMatchObject({
      requestContext: { condition: 'Success', approximateInvokeCount: 1 },
      responsePayload: { seen: 7 },
    });
  });
});
