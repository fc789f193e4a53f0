import { describe, expect, it } from '@jest/globals';
import { fakeCloud } from '../testing/fakeCloud';
import { StepFunctionsEngine } from './engine';
import { StateMachineProvider } from './provider';

const resource = (properties: Record<string, unknown>) => ({
  stack: 'insights',
  stackDir: '/tmp/insights',
  logicalId: 'ReportWorkflow',
  type: 'AWS::StepFunctions::StateMachine',
  properties,
});

describe('StateMachineProvider', () => {
  it('deploys a DefinitionString with substitutions and answers Ref and GetAtt', async () => {
    const { cloud } = fakeCloud();
    const engine = new StepFunctionsEngine(cloud);
    const provider = new StateMachineProvider(engine);

    const created = await provider.create(
      resource({
        StateMachineName: 'insights-local-report',
        StateMachineType: 'EXPRESS',
        DefinitionString: JSON.stringify({
          StartAt: 'P',
          States: { P: { Type: 'Pass', Result: `\${Greeting}`, End: true } },
        }),
        DefinitionSubstitutions: { Greeting: 'hello' },
      }),
      cloud,
    );

    const arn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:insights-local-report';
    expect(created).toEqual({
      ref: arn,
      attributes: { Arn: arn, Name: 'insights-local-report', StateMachineRevisionId: arn },
    });
    expect(engine.stateMachine(arn).type).toBe('EXPRESS');
    await expect(engine.startSyncExecution(arn, '{}')).resolves.toMatchObject({ output: '"hello"' });
  });

  it('reports task resources and fields it cannot honour, by state', async () => {
    const { cloud, recorded } = fakeCloud();
    const provider = new StateMachineProvider(new StepFunctionsEngine(cloud));

    await provider.create(
      resource({
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        TracingConfiguration: { Enabled: true },
        Definition: {
          StartAt: 'Wait',
          States: {
            Wait: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              Parameters: { QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' },
              HeartbeatSeconds: 60,
              Next: 'Sync',
            },
            Sync: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true },
          },
        },
      }),
      cloud,
    );

    expect(recorded.unsupported.map((item) => item.property).sort()).toEqual([
      'Definition.States.Sync.Resource',
      'Definition.States.Wait.HeartbeatSeconds',
      'Definition.States.Wait.Resource',
      'RoleArn',
      'TracingConfiguration',
    ]);
    expect(
      recorded.unsupported.find((item) => item.property === 'Definition.States.Wait.Resource')!.reason,
    ).toMatch(/waitForTaskToken/);
  });

  it('fails the deployment of an invalid definition', async () => {
    const { cloud } = fakeCloud();
    const provider = new StateMachineProvider(new StepFunctionsEngine(cloud));

    const created = provider.create(
      resource({ DefinitionString: '{"StartAt":"Missing","States":{"P":{"Type":"Pass","End":true}}}' }),
      cloud,
    );

    await expect(created).rejects.toMatchObject({ name: 'InvalidDefinitionError' });
  });

  it('writes history events to the configured log group', async () => {
    const { cloud, recorded } = fakeCloud();
    const engine = new StepFunctionsEngine(cloud);
    const provider = new StateMachineProvider(engine);
    const { ref } = await provider.create(
      resource({
        StateMachineName: 'logged',
        Definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: false,
          Destinations: [
            {
              CloudWatchLogsLogGroup: {
                LogGroupArn: 'arn:aws:logs:eu-west-1:000000000000:log-group:/aws/vendedlogs/states/logged:*',
              },
            },
          ],
        },
      }),
      cloud,
    );

    const { executionArn } = await engine.startExecution(ref, '{"secret":1}');
    await engine.waitForExecution(executionArn);

    const lines = recorded.logs.filter((log) => log.logGroup === '/aws/vendedlogs/states/logged');
    expect(lines.map((log) => JSON.parse(log.line).type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(lines.some((log) => log.line.includes('secret'))).toBe(false);
  });
});
