import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { LocalModel } from '../bedrock/localModel';
import { AwsApiError } from '../core/errors';
import { fakeCloud } from '../testing/fakeCloud';
import type { AslDefinition } from './definition';
import { StepFunctionsEngine } from './engine';
import type { ModelInvoker } from './integrations';

const task = (resource: string, parameters: Record<string, unknown>, next?: string) => ({
  Type: 'Task',
  Resource: `arn:aws:states:::${resource}`,
  Parameters: parameters,
  ResultPath: `$.${resource.split(':')[1]}`,
  ...(next ? { Next: next } : { End: true }),
});

async function run(definition: AslDefinition, input: unknown, model?: ModelInvoker) {
  const fake = fakeCloud();
  const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001, model });
  const { stateMachineArn } = engine.deploy({ name: 'flow', definition });
  const { executionArn } = await engine.startExecution(stateMachineArn, JSON.stringify(input));
  return { ...fake, record: await engine.waitForExecution(executionArn) };
}

describe('optimized integrations', () => {
  it('puts events, publishes to SNS and sends to SQS with object payloads serialised', async () => {
    const definition: AslDefinition = {
      StartAt: 'Put',
      States: {
        Put: task(
          'events:putEvents',
          {
            Entries: [
              { Source: 'spendwise.insights', DetailType: 'InsightReportReady', 'Detail.$': '$.report' },
            ],
          },
          'Publish',
        ),
        Publish: task(
          'sns:publish',
          { TopicArn: 'arn:aws:sns:eu-west-1:000000000000:alerts', 'Message.$': '$.report' },
          'Send',
        ),
        Send: task('sqs:sendMessage', { QueueUrl: 'http://q/reports', 'MessageBody.$': '$.report' }),
      },
    };

    const { record, recorded } = await run(definition, { report: { id: 'r1' } });

    expect(record.status).toBe('SUCCEEDED');
    expect(recorded.events).toEqual([
      { Source: 'spendwise.insights', DetailType: 'InsightReportReady', Detail: '{"id":"r1"}' },
    ]);
    expect(recorded.published[0]).toMatchObject({ message: '{"id":"r1"}' });
    expect(recorded.sent[0]).toMatchObject({
      queueRef: 'http://q/reports',
      message: { body: '{"id":"r1"}' },
    });
    const output = JSON.parse(record.output!);
    expect(output.putEvents).toMatchObject({ FailedEntryCount: 0 });
    expect(output.sendMessage.MD5OfMessageBody).toBe(createHash('md5').update('{"id":"r1"}').digest('hex'));
  });

  it('names a service error after the service, so Catch can match it', async () => {
    const fake = fakeCloud();
    fake.cloud.sqs.send = async () => {
      throw new AwsApiError(400, 'QueueDoesNotExist', 'no such queue');
    };
    const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001 });
    const { stateMachineArn } = engine.deploy({
      name: 'flow',
      definition: {
        StartAt: 'Send',
        States: { Send: task('sqs:sendMessage', { QueueUrl: 'x', MessageBody: 'y' }) },
      },
    });

    const messages = [{ role: 'user', content: [{ text: 'October: €699.50 spent.' }] }];
    const { executionArn } = await engine.startExecution(stateMachineArn, JSON.stringify({ messages }));
    const record = await engine.waitForExecution(executionArn);

    expect(record).toMatchObject({
      status: 'FAILED',
      error: 'SQS.QueueDoesNotExist',
      cause: 'no such queue',
    });
  });

  it('calls the local model for bedrock:invokeModel and retries Bedrock.ThrottlingException', async () => {
    const calls: unknown[] = [];
    const model: ModelInvoker = {
      invokeModel: async (modelId, body) => {
        calls.push({ modelId, body });
        if (calls.length < 3)
          throw Object.assign(new Error('Too many requests'), { code: 'ThrottlingException' });
        return { content: [{ type: 'text', text: 'ok' }] };
      },
    };
    const definition: AslDefinition = {
      StartAt: 'Ask',
      States: {
        Ask: {
          ...task('bedrock:invokeModel', {
            ModelId: 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
            Body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [] },
          }),
          Retry: [{ ErrorEquals: ['Bedrock.ThrottlingException'], IntervalSeconds: 1, MaxAttempts: 3 }],
        },
      },
    };

    const { record } = await run(definition, {}, model);

    expect(record.status).toBe('SUCCEEDED');
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0' });
    expect(JSON.parse(record.output!).invokeModel).toEqual({
      Body: { content: [{ type: 'text', text: 'ok' }] },
      ContentType: 'application/json',
    });
  });

  it('answers bedrock:invokeModel from the local model as Bedrock does: the Nova body in Body, faults as Bedrock.<Exception>', async () => {
    const fake = fakeCloud();
    const model = new LocalModel(fake.cloud, { env: {} });
    model.faults.set({ throttleNext: 1 });
    const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001, model });
    const tool = {
      toolSpec: {
        name: 'submit_report',
        inputSchema: {
          json: { type: 'object', required: ['summary'], properties: { summary: { type: 'string' } } },
        },
      },
    };
    const { stateMachineArn } = engine.deploy({
      name: 'flow',
      definition: {
        StartAt: 'Ask',
        States: {
          Ask: {
            ...task('bedrock:invokeModel', {
              ModelId: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0',
              Body: {
                schemaVersion: 'messages-v1',
                system: [{ text: 'Write the report.' }],
                // A nested payload template, resolved as Step Functions does.
                'messages.$': '$.messages',
                inferenceConfig: { maxTokens: 500 },
                toolConfig: { tools: [tool], toolChoice: { tool: { name: 'submit_report' } } },
              },
            }),
            Retry: [{ ErrorEquals: ['Bedrock.ThrottlingException'], IntervalSeconds: 1, MaxAttempts: 2 }],
          },
        },
      },
    });

    const messages = [{ role: 'user', content: [{ text: 'October: €699.50 spent.' }] }];
    const { executionArn } = await engine.startExecution(stateMachineArn, JSON.stringify({ messages }));
    const record = await engine.waitForExecution(executionArn);

    expect(record.status).toBe('SUCCEEDED');
    const { Body, ContentType } = JSON.parse(record.output!).invokeModel;
    expect(ContentType).toBe('application/json');
    expect(Body.stopReason).toBe('tool_use');
    expect(Body.output.message.content[0].toolUse).toMatchObject({
      name: 'submit_report',
      input: { summary: expect.any(String) },
    });
    expect(Body.usage.inputTokens).toBeGreaterThan(0);
    expect(model.requests.list()[1]?.messages).toEqual([{ role: 'user', text: 'October: €699.50 spent.' }]);
    expect(model.requests.list().map((request) => request.fault ?? 'answered')).toEqual([
      'throttle',
      'answered',
    ]);
    const failed = record.history.find((event) => event.type === 'TaskFailed') as
      | { taskFailedEventDetails: { error: string; resourceType: string } }
      | undefined;
    expect(failed?.taskFailedEventDetails).toMatchObject({
      error: 'Bedrock.ThrottlingException',
      resourceType: 'bedrock',
    });

    model.faults.set({ failAlways: true });
    const again = await engine.startExecution(stateMachineArn, JSON.stringify({ messages }), 'again');
    expect(await engine.waitForExecution(again.executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'Bedrock.InternalServerException',
    });
  });

  it('fails a missing function with Lambda.ResourceNotFoundException', async () => {
    const fake = fakeCloud();
    fake.cloud.lambda.has = () => false;
    const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001 });
    const { stateMachineArn } = engine.deploy({
      name: 'flow',
      definition: { StartAt: 'Call', States: { Call: task('lambda:invoke', { FunctionName: 'ghost' }) } },
    });

    const messages = [{ role: 'user', content: [{ text: 'October: €699.50 spent.' }] }];
    const { executionArn } = await engine.startExecution(stateMachineArn, JSON.stringify({ messages }));
    const record = await engine.waitForExecution(executionArn);

    expect(record.error).toBe('Lambda.ResourceNotFoundException');
  });
});
