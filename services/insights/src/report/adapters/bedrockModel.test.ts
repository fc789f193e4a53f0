import type { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from '@jest/globals';
import { REPORT_TOOL_NAME } from '../domain/answer';
import { ModelThrottledError, ModelTimeoutError, ModelUnavailableError } from '../domain/errors';
import { buildBedrockModel } from './bedrockModel';

const prompt = { system: 'rules', user: 'data' };

/** A client whose send answers or throws what the test says, and remembers the commands. */
function fakeClient(reply: () => Promise<unknown>) {
  const sent: ConverseCommand[] = [];
  const client = {
    send: async (command: ConverseCommand) => {
      sent.push(command);
      return reply();
    },
  } as unknown as BedrockRuntimeClient;
  return { client, sent };
}

const failure = (name: string, status?: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

describe('buildBedrockModel', () => {
  it('forces the submit_report tool and returns its input with the token usage', async () => {
    const { client, sent } = fakeClient(async () => ({
      output: {
        message: {
          role: 'assistant',
          content: [{ toolUse: { toolUseId: 't1', name: REPORT_TOOL_NAME, input: { summary: 'x' } } }],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 812, outputTokens: 95, totalTokens: 907 },
    }));
    const askModel = buildBedrockModel(client, { modelId: 'amazon.nova-micro-v1:0', timeoutMs: 1_000 });

    const reply = await askModel(prompt);

    expect(reply).toMatchObject({
      toolInput: { summary: 'x' },
      inputTokens: 812,
      outputTokens: 95,
      stopReason: 'tool_use',
    });
    expect(sent[0]?.input).toMatchObject({
      modelId: 'amazon.nova-micro-v1:0',
      system: [{ text: 'rules' }],
      messages: [{ role: 'user', content: [{ text: 'data' }] }],
      toolConfig: { toolChoice: { tool: { name: REPORT_TOOL_NAME } } },
    });
  });

  it('returns no tool input when the model answered with text only', async () => {
    const { client } = fakeClient(async () => ({
      output: { message: { role: 'assistant', content: [{ text: 'Sure! Here is your report' }] } },
      stopReason: 'end_turn',
    }));

    const reply = await buildBedrockModel(client, { modelId: 'm', timeoutMs: 1_000 })(prompt);

    expect(reply.toolInput).toBeUndefined();
    expect(reply.stopReason).toBe('end_turn');
  });

  it.each([
    ['ThrottlingException', 429, ModelThrottledError, 'ModelThrottled'],
    ['ServiceUnavailableException', 503, ModelThrottledError, 'ModelThrottled'],
    ['ModelTimeoutException', 408, ModelTimeoutError, 'ModelTimeout'],
    ['AbortError', undefined, ModelTimeoutError, 'ModelTimeout'],
    ['InternalServerException', 500, ModelUnavailableError, 'ModelUnavailable'],
    ['AccessDeniedException', 403, ModelUnavailableError, 'ModelUnavailable'],
    ['ValidationException', 400, ModelUnavailableError, 'ModelUnavailable'],
  ])('names %s as the state machine expects', async (name, status, type, errorName) => {
    const { client } = fakeClient(async () => {
      throw failure(name, status);
    });

    const call = buildBedrockModel(client, { modelId: 'm', timeoutMs: 1_000 })(prompt);

    await expect(call).rejects.toBeInstanceOf(type);
    await expect(call).rejects.toMatchObject({ name: errorName });
  });

  it('gives up after its timeout with ModelTimeout', async () => {
    const client = {
      send: (_command: unknown, options: { abortSignal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          options.abortSignal.addEventListener('abort', () => reject(failure('AbortError')));
        }),
    } as unknown as BedrockRuntimeClient;

    const call = buildBedrockModel(client, { modelId: 'm', timeoutMs: 20 })(prompt);

    await expect(call).rejects.toMatchObject({ name: 'ModelTimeout' });
  });
});
