import { describe, expect, it } from '@jest/globals';
import type { InvokeOutcome } from '../core/ports';
import { fakeCloud } from '../testing/fakeCloud';
import type { AslDefinition } from './definition';
import { EXPRESS_LIMIT_SECONDS, StepFunctionsEngine, withExpressLimit } from './engine';

const ok = (result: unknown): InvokeOutcome => ({ ok: true, result, durationMs: 1, coldStart: false });
const fail = (errorType: string, errorMessage = 'boom'): InvokeOutcome => ({
  ok: false,
  errorType,
  errorMessage,
  durationMs: 1,
  coldStart: false,
});

const invoke = (fn: string, next: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: fn, 'Payload.$': '$' },
  ResultSelector: { 'value.$': '$.Payload' },
  Next: next,
  ...extra,
});

/** Task(lambda:invoke) → Choice → Task with Retry on a custom error → Catch to a fallback → Succeed. */
const reportFlow: AslDefinition = {
  StartAt: 'LoadTotals',
  States: {
    LoadTotals: invoke('loadTotals', 'EnoughData'),
    EnoughData: {
      Type: 'Choice',
      Choices: [{ Variable: '$.value.count', NumericGreaterThan: 2, Next: 'AskModel' }],
      Default: 'Fallback',
    },
    AskModel: invoke('askModel', 'Done', {
      Retry: [{ ErrorEquals: ['ModelBusyError'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Fallback' }],
    }),
    Fallback: { Type: 'Pass', Result: { summary: 'fallback' }, ResultPath: '$.value', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

function setUp(definition: AslDefinition, type: 'STANDARD' | 'EXPRESS' = 'STANDARD') {
  const fake = fakeCloud();
  const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001 });
  const machine = engine.deploy({ name: 'report', type, definition });
  return { ...fake, engine, arn: machine.stateMachineArn };
}

async function runToEnd(engine: StepFunctionsEngine, arn: string, input = '{}') {
  const { executionArn } = await engine.startExecution(arn, input);
  return engine.waitForExecution(executionArn);
}

describe('StepFunctionsEngine', () => {
  it('retries a custom Lambda error until the function succeeds', async () => {
    const { engine, arn, answers, recorded } = setUp(reportFlow);
    let modelCalls = 0;
    answers.invoke = async (ref) =>
      ref === 'loadTotals'
        ? ok({ count: 5 })
        : ++modelCalls <= 2
          ? fail('ModelBusyError')
          : ok({ summary: 'model' });

    const record = await runToEnd(engine, arn);

    expect(record.status).toBe('SUCCEEDED');
    expect(JSON.parse(record.output!)).toEqual({ value: { summary: 'model' } });
    expect(recorded.invocations.map((call) => call.functionRef)).toEqual([
      'loadTotals',
      'askModel',
      'askModel',
      'askModel',
    ]);
  });

  it('catches an error that outlives its retries and goes to the fallback', async () => {
    const { engine, arn, answers } = setUp(reportFlow);
    answers.invoke = async (ref) =>
      ref === 'loadTotals' ? ok({ count: 5 }) : fail('ModelBusyError', 'still busy');

    const record = await runToEnd(engine, arn);

    const output = JSON.parse(record.output!);
    expect(record.status).toBe('SUCCEEDED');
    expect(output.value).toEqual({ summary: 'fallback' });
    expect(output.error.Error).toBe('ModelBusyError');
    expect(JSON.parse(output.error.Cause)).toMatchObject({
      errorType: 'ModelBusyError',
      errorMessage: 'still busy',
    });
  });

  it('takes the Choice default when there is not enough data', async () => {
    const { engine, arn, answers, recorded } = setUp(reportFlow);
    answers.invoke = async () => ok({ count: 1 });

    const record = await runToEnd(engine, arn);

    expect(JSON.parse(record.output!).value).toEqual({ summary: 'fallback' });
    expect(recorded.invocations).toHaveLength(1);
  });

  it('records the history in the shape of GetExecutionHistory', async () => {
    const { engine, arn, answers } = setUp(reportFlow);
    let modelCalls = 0;
    answers.invoke = async (ref) =>
      ref === 'loadTotals' ? ok({ count: 5 }) : ++modelCalls === 1 ? fail('ModelBusyError') : ok({});

    const record = await runToEnd(engine, arn, '{"month":"2025-01"}');

    expect(record.history.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(record.history.map((event) => event.id)).toEqual(record.history.map((_event, index) => index + 1));
    expect(record.history[0]!.executionStartedEventDetails).toMatchObject({ input: '{"month":"2025-01"}' });
    expect(record.history[2]!.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      parameters: '{"FunctionName":"loadTotals","Payload":{"month":"2025-01"}}',
    });
    expect(record.history[11]!.taskFailedEventDetails).toMatchObject({ error: 'ModelBusyError' });
  });

  it('fails the execution with the function error and puts ExecutionsFailed', async () => {
    const { engine, arn, answers, recorded } = setUp({
      StartAt: 'Only',
      States: {
        Only: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:f', End: true },
      },
    });
    answers.invoke = async () => fail('TypeError', 'x is undefined');

    const record = await runToEnd(engine, arn);

    expect(record).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(JSON.parse(record.cause!)).toMatchObject({ errorMessage: 'x is undefined' });
    expect(record.history.map((event) => event.type)).toContain('LambdaFunctionFailed');
    expect(record.history.at(-1)).toMatchObject({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'TypeError' },
    });
    const names = recorded.metrics.map((datum) => `${datum.namespace}:${datum.name}`);
    expect(names).toEqual(
      expect.arrayContaining(['AWS/States:ExecutionsStarted', 'AWS/States:ExecutionsFailed']),
    );
    expect(recorded.metrics.find((datum) => datum.name === 'ExecutionsFailed')!.dimensions).toEqual({
      StateMachineArn: arn,
    });
  });

  it('answers StartSyncExecution for EXPRESS state machines only', async () => {
    const pass: AslDefinition = {
      StartAt: 'P',
      States: { P: { Type: 'Pass', Result: { ok: 1 }, End: true } },
    };
    const standard = setUp(pass);
    const express = setUp(pass, 'EXPRESS');

    const rejected = standard.engine.startSyncExecution(standard.arn, '{}');
    const record = await express.engine.startSyncExecution(express.arn, '{}');

    await expect(rejected).rejects.toMatchObject({ code: 'StateMachineTypeNotSupported' });
    expect(record).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":1}' });
    expect(record.executionArn).toMatch(/:express:report:/);
  });

  it('times an EXPRESS execution out at the Express limit, even when its definition allows longer', async () => {
    const hold = (timeoutSeconds?: number): AslDefinition => ({
      ...(timeoutSeconds === undefined ? {} : { TimeoutSeconds: timeoutSeconds }),
      StartAt: 'Hold',
      // 2000 s scaled ×0.001: 2 s, longer than the Express limit shortened to 1 s below.
      States: { Hold: { Type: 'Wait', Seconds: 2000, End: true } },
    });
    const run = async (type: 'STANDARD' | 'EXPRESS', timeoutSeconds?: number) => {
      const engine = new StepFunctionsEngine(fakeCloud().cloud, {
        timeScale: 0.001,
        expressLimitSeconds: 1,
      });
      const machine = engine.deploy({ name: 'report', type, definition: hold(timeoutSeconds) });
      return runToEnd(engine, machine.stateMachineArn);
    };

    const [noTimeout, longTimeout, standard] = await Promise.all([
      run('EXPRESS'),
      run('EXPRESS', 900),
      run('STANDARD'),
    ]);

    expect(noTimeout).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(longTimeout).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    // The limit is Express's only: a STANDARD execution waits its whole Wait.
    expect(standard.status).toBe('SUCCEEDED');
    expect(withExpressLimit({ StartAt: 'A', States: {}, TimeoutSeconds: 240 }).TimeoutSeconds).toBe(240);
    expect(withExpressLimit({ StartAt: 'A', States: {}, TimeoutSeconds: 900 }).TimeoutSeconds).toBe(
      EXPRESS_LIMIT_SECONDS,
    );
  });

  it('stops a running execution as ABORTED with the given error and cause', async () => {
    const { engine, arn, recorded } = setUp({
      StartAt: 'Hold',
      States: { Hold: { Type: 'Wait', Seconds: 600_000, End: true } },
    });
    const { executionArn } = await engine.startExecution(arn, '{}');

    engine.stopExecution(executionArn, 'Operator', 'stopped by hand');
    const record = await engine.waitForExecution(executionArn);

    expect(record).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'stopped by hand' });
    expect(record.stopDate).toBeInstanceOf(Date);
    expect(record.history.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'stopped by hand' },
    });
    expect(recorded.metrics.map((datum) => datum.name)).toContain('ExecutionsAborted');
  });

  it('times an execution out after TimeoutSeconds', async () => {
    const { engine, arn, recorded } = setUp({
      TimeoutSeconds: 1,
      StartAt: 'Hold',
      States: { Hold: { Type: 'Wait', Seconds: 600_000, End: true } },
    });

    const record = await runToEnd(engine, arn);

    expect(record).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(record.history.at(-1)!.type).toBe('ExecutionTimedOut');
    expect(recorded.metrics.map((datum) => datum.name)).toContain('ExecutionsTimedOut');
  });

  it('rejects a second execution with the same name and another input', async () => {
    const { engine, arn } = setUp({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    await engine.startExecution(arn, '{}', 'monthly-2025-01');

    const again = engine.startExecution(arn, '{"other":true}', 'monthly-2025-01');

    await expect(again).rejects.toMatchObject({ code: 'ExecutionAlreadyExists' });
  });

  it('lists executions newest first, filtered by status', async () => {
    const { engine, arn, answers } = setUp({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:f', End: true },
      },
    });
    answers.invoke = async (_ref, payload) => ((payload as { fail?: boolean }).fail ? fail('E') : ok(1));
    await runToEnd(engine, arn, '{}');
    await runToEnd(engine, arn, '{"fail":true}');

    const failed = engine.executions({ stateMachineArn: arn, status: 'FAILED' });

    expect(failed).toHaveLength(1);
    expect(failed[0]!.input).toBe('{"fail":true}');
    expect(engine.executions().map((record) => record.status)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('ends a task still waiting for its function when the engine stops, leaving no timer behind', async () => {
    const { engine, arn, answers, recorded } = setUp(reportFlow);
    answers.invoke = () => new Promise<InvokeOutcome>(() => {}); // a function that never answers
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const { executionArn } = await engine.startExecution(arn, '{}');
    while (recorded.invocations.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const waiting = timers(); // the library's task timeout among them

    await engine.stop();
    await new Promise((resolve) => setImmediate(resolve));

    expect(engine.executions().find((record) => record.executionArn === executionArn)?.status).toBe(
      'ABORTED',
    );
    // The library's task timeout (60 s by default) is cleared only when the task ends; a timer left would keep
    // the process alive after the local cloud stopped.
    expect(timers()).toBeLessThan(waiting);
  });
});
