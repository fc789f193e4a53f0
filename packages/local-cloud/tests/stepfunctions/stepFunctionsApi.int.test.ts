import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { InvokeOutcome } from '../../src/core/ports';
import { StepFunctionsApi, StepFunctionsEngine } from '../../src/stepfunctions';
import { fakeCloud } from '../../src/testing/fakeCloud';
import { localClientConfig, startThrowawayGateway, type ThrowawayGateway } from './throwawayGateway';

const fake = fakeCloud();
const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001 });
const standard = engine.deploy({
  name: 'report',
  definition: {
    StartAt: 'Load',
    States: {
      Load: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'load', 'Payload.$': '$' },
        OutputPath: '$.Payload',
        Next: 'Hold',
      },
      Hold: { Type: 'Wait', SecondsPath: '$.holdSeconds', End: true },
    },
  },
});
const express = engine.deploy({
  name: 'quick',
  type: 'EXPRESS',
  definition: {
    StartAt: 'P',
    States: { P: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true } },
  },
});

let gateway: ThrowawayGateway;
let sfn: SFNClient;

beforeAll(async () => {
  fake.answers.invoke = async (_ref, payload): Promise<InvokeOutcome> => ({
    ok: true,
    result: payload,
    durationMs: 1,
    coldStart: false,
  });
  gateway = await startThrowawayGateway([new StepFunctionsApi(engine)]);
  sfn = new SFNClient({ ...localClientConfig(gateway.endpoint), disableHostPrefix: true });
});

afterAll(async () => {
  sfn.destroy();
  await gateway.close();
});

describe('Step Functions API through @aws-sdk/client-sfn', () => {
  it('starts an execution and describes its result and history', async () => {
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: standard.stateMachineArn,
        input: '{"holdSeconds":0}',
        name: 'first',
      }),
    );
    await engine.waitForExecution(started.executionArn!);

    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn }));

    expect(started.startDate).toBeInstanceOf(Date);
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'first', output: '{"holdSeconds":0}' });
    expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());
    expect(history.events![0]).toMatchObject({ type: 'ExecutionStarted', id: 1, previousEventId: 0 });
    expect(history.events!.map((event) => event.type)).toContain('TaskSucceeded');
    expect(history.events!.at(-1)!.executionSucceededEventDetails!.output).toBe('{"holdSeconds":0}');
  });

  it("keeps the trace an execution was started in: a function's trace id, else the traceHeader field", async () => {
    const fromLambda = 'Root=1-6761a2b3-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=0';
    const start = (name: string, traceHeader?: string) =>
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: standard.stateMachineArn,
          input: '{"holdSeconds":0}',
          name,
          ...(traceHeader ? { traceHeader } : {}),
        }),
      );
    const saved = { fn: process.env.AWS_LAMBDA_FUNCTION_NAME, trace: process.env._X_AMZN_TRACE_ID };
    let inFunction: Awaited<ReturnType<typeof start>>;
    // Inside a Lambda function the SDK sends the invocation's _X_AMZN_TRACE_ID as X-Amzn-Trace-Id.
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'requestReport';
    process.env._X_AMZN_TRACE_ID = fromLambda;
    try {
      inFunction = await start('in-function', 'Root=1-6761a2b3-ffffffffffffffffffffffff;Sampled=1');
    } finally {
      for (const [key, value] of [
        ['AWS_LAMBDA_FUNCTION_NAME', saved.fn],
        ['_X_AMZN_TRACE_ID', saved.trace],
      ] as const)
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
    const fromField = await start('from-field', 'Root=1-6761a2b3-fedcba9876543210fedcba98;Sampled=1');
    const untraced = await start('untraced');
    for (const { executionArn } of [inFunction, fromField, untraced])
      await engine.waitForExecution(executionArn!);

    const describe = (arn: string | undefined) =>
      sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect((await describe(inFunction.executionArn)).traceHeader).toBe(fromLambda);
    expect((await describe(fromField.executionArn)).traceHeader).toBe(
      'Root=1-6761a2b3-fedcba9876543210fedcba98;Sampled=1',
    );
    expect((await describe(untraced.executionArn)).traceHeader).toBeUndefined();
  });

  it('stops a running execution and lists it under ABORTED', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: standard.stateMachineArn, input: '{"holdSeconds":3600}' }),
    );

    const stopped = await sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Manual', cause: 'test' }),
    );
    const aborted = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: standard.stateMachineArn, statusFilter: 'ABORTED' }),
    );

    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(aborted.executions!.map((execution) => execution.executionArn)).toEqual([executionArn]);
  });

  it('runs StartSyncExecution on an EXPRESS state machine', async () => {
    const result = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: express.stateMachineArn, input: '{"n":21}' }),
    );

    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"doubled":42}' });
    expect(result.billingDetails!.billedDurationInMilliseconds).toBeGreaterThanOrEqual(100);
  });

  it('refuses StartSyncExecution on a STANDARD state machine', async () => {
    const call = sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: standard.stateMachineArn, input: '{}' }),
    );

    await expect(call).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
  });

  it('lists and describes state machines', async () => {
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: express.stateMachineArn }),
    );

    expect(listed.stateMachines!.map((machine) => machine.name).sort()).toEqual(['quick', 'report']);
    expect(described).toMatchObject({ name: 'quick', type: 'EXPRESS', status: 'ACTIVE' });
    expect(JSON.parse(described.definition!).StartAt).toBe('P');
  });

  it('answers an unknown execution with ExecutionDoesNotExist', async () => {
    const call = sfn.send(
      new DescribeExecutionCommand({
        executionArn: `${standard.stateMachineArn.replace('stateMachine', 'execution')}:nope`,
      }),
    );

    await expect(call).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});
