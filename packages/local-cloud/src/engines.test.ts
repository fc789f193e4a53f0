import { describe, expect, it } from '@jest/globals';
import type { InvokeOutcome } from './core/ports';
import { type Engines, stopEngines } from './engines';
import { StepFunctionsEngine } from './stepfunctions';
import { fakeCloud } from './testing/fakeCloud';

const stopped = { stop: async () => {} };

/** Every engine but Step Functions as a stand-in that only stops. */
function enginesWith(sfn: StepFunctionsEngine): Engines {
  return {
    scheduler: { stop: () => {} },
    alarms: { stop: () => {} },
    edge: stopped,
    httpApi: stopped,
    sqs: stopped,
    lambda: stopped,
    dynamodb: stopped,
    s3: stopped,
    sfn,
  } as unknown as Engines;
}

describe('stopEngines', () => {
  it('aborts running Step Functions executions, so none calls a function after shutdown', async () => {
    const { cloud, answers, recorded } = fakeCloud();
    let release!: (outcome: InvokeOutcome) => void;
    let firstStarted!: () => void;
    const inFirst = new Promise<void>((resolve) => {
      firstStarted = resolve;
    });
    answers.invoke = async (ref) => {
      if (ref !== 'first') return { ok: true, result: {}, durationMs: 1, coldStart: false };
      firstStarted();
      return new Promise<InvokeOutcome>((resolve) => {
        release = resolve;
      });
    };
    const sfn = new StepFunctionsEngine(cloud, { timeScale: 0.001 });
    const task = (functionName: string, next?: string) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: functionName, 'Payload.$': '$' },
      ...(next ? { Next: next } : { End: true }),
    });
    const machine = sfn.deploy({
      name: 'two-steps',
      definition: { StartAt: 'First', States: { First: task('first', 'Second'), Second: task('second') } },
    });
    const { executionArn } = await sfn.startExecution(machine.stateMachineArn, '{}');
    await inFirst;

    await stopEngines(enginesWith(sfn));
    release({ ok: true, result: {}, durationMs: 1, coldStart: false });
    const ended = await sfn.waitForExecution(executionArn);
    await new Promise((resolve) => setImmediate(resolve));

    expect(ended.status).toBe('ABORTED');
    expect(recorded.invocations.map((call) => call.functionRef)).toEqual(['first']);
  });
});
