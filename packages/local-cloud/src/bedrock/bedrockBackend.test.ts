import { ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from '@jest/globals';
import { fakeCloud } from '../testing/fakeCloud';
import { type BedrockRuntimePort, bedrockBackend } from './bedrockBackend';
import { LocalModel } from './localModel';
import { ModelEndpointError, modelBackendOf } from './modelEndpoint';

const NOVA = 'amazon.nova-micro-v1:0';
const converseBody = {
  messages: [{ role: 'user', content: [{ text: 'October: groceries €420.00.' }] }],
  inferenceConfig: { maxTokens: 200 },
};
const converseOutput = {
  $metadata: { httpStatusCode: 200, requestId: 'r-1' },
  output: { message: { role: 'assistant', content: [{ text: 'Groceries came to €420.00.' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 },
  metrics: { latencyMs: 321 },
};

/** A Bedrock Runtime client stand-in: records the commands, answers or fails as told. */
function fakeBedrock(
  answer: (command: ConverseCommand | InvokeModelCommand) => unknown = () => converseOutput,
) {
  const sent: (ConverseCommand | InvokeModelCommand)[] = [];
  const port: BedrockRuntimePort = {
    send: async (command) => {
      sent.push(command);
      return answer(command);
    },
  };
  return { port, sent };
}

const sdkError = (name: string, status: number, message: string) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('forwarding to Amazon Bedrock', () => {
  it('sends Converse with the request’s model id and answers Bedrock’s output without SDK metadata', async () => {
    const { port, sent } = fakeBedrock();
    const backend = bedrockBackend(port, { region: 'us-east-1' });

    const response = await backend.converse(NOVA, converseBody);

    expect(sent[0]).toBeInstanceOf(ConverseCommand);
    expect(sent[0]!.input).toEqual({ ...converseBody, modelId: NOVA });
    expect(response).toEqual({
      output: converseOutput.output,
      stopReason: 'end_turn',
      usage: converseOutput.usage,
      metrics: converseOutput.metrics,
    });
  });

  it('uses --model-id instead of the request’s model id when given', async () => {
    const { port, sent } = fakeBedrock();

    await bedrockBackend(port, { region: 'us-east-1', modelId: 'us.amazon.nova-lite-v1:0' }).converse(
      NOVA,
      converseBody,
    );

    expect(sent[0]!.input).toMatchObject({ modelId: 'us.amazon.nova-lite-v1:0' });
  });

  it('sends InvokeModel with the JSON body and answers the parsed response body', async () => {
    const reply = { content: [{ type: 'text', text: 'Hi' }], usage: { input_tokens: 5, output_tokens: 2 } };
    const { port, sent } = fakeBedrock(() => ({ body: new TextEncoder().encode(JSON.stringify(reply)) }));
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
    };

    const result = await bedrockBackend(port, { region: 'eu-west-1' }).invoke(
      'anthropic.claude-3-haiku',
      body,
      {
        system: [],
        messages: [],
        tools: [],
        toolChoice: 'auto',
      },
    );

    expect(sent[0]).toBeInstanceOf(InvokeModelCommand);
    expect(JSON.parse(String((sent[0] as InvokeModelCommand).input.body))).toEqual(body);
    expect(result).toEqual({ body: reply, inputTokens: 5, outputTokens: 2 });
  });

  it('answers Bedrock’s own errors with the same code and status, so callers retry as on AWS', async () => {
    const { port } = fakeBedrock(() => {
      throw sdkError('ThrottlingException', 429, 'Too many requests');
    });

    const failure = bedrockBackend(port, { region: 'eu-west-1' }).converse(NOVA, converseBody);

    await expect(failure).rejects.toMatchObject({
      status: 429,
      code: 'ThrottlingException',
      message: 'Too many requests',
    });
  });

  it('says clearly when there are no AWS credentials, or Bedrock cannot be reached', async () => {
    const noCredentials = fakeBedrock(() => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    });
    const offline = fakeBedrock(() => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    });

    const first = bedrockBackend(noCredentials.port, { region: 'eu-west-1' }).converse(NOVA, converseBody);
    const second = bedrockBackend(offline.port, { region: 'eu-west-1' }).converse(NOVA, converseBody);

    await expect(first).rejects.toMatchObject({
      status: 403,
      code: 'UnrecognizedClientException',
      message: expect.stringMatching(/No AWS credentials .*AWS_PROFILE/),
    });
    await expect(second).rejects.toMatchObject({
      status: 503,
      message: 'Amazon Bedrock in eu-west-1 is unreachable (ENOTFOUND)',
    });
  });

  it('keeps faults, the request log and the metrics of the local model when forwarding', async () => {
    const { cloud, recorded } = fakeCloud();
    const { port, sent } = fakeBedrock();
    const model = new LocalModel(cloud, { env: {}, backend: bedrockBackend(port, { region: 'eu-west-1' }) });
    model.faults.set({ throttleNext: 1 });

    await expect(model.converse(NOVA, converseBody)).rejects.toMatchObject({ code: 'ThrottlingException' });
    const response = await model.converse(NOVA, converseBody);

    expect(sent).toHaveLength(1);
    expect(response.output).toEqual(converseOutput.output);
    expect(model.requests.list().map((request) => request.fault ?? 'none')).toEqual(['throttle', 'none']);
    expect(recorded.metrics.filter((m) => m.name === 'InputTokenCount').map((m) => m.value)).toEqual([12]);
    expect(model.answeredBy).toBe('Amazon Bedrock (eu-west-1)');
  });
});

describe('choosing the model endpoint', () => {
  it('keeps the local model by default and for "local"', () => {
    expect(modelBackendOf({}, 'eu-west-1')).toBeUndefined();
    expect(modelBackendOf({ endpoint: 'local' }, 'eu-west-1')).toBeUndefined();
  });

  it('takes Bedrock’s region from --model-region, else AWS_REGION, else the local cloud’s', () => {
    expect(modelBackendOf({ endpoint: 'bedrock', region: 'us-west-2' }, 'eu-west-1', {})?.description).toBe(
      'Amazon Bedrock (us-west-2)',
    );
    expect(
      modelBackendOf({ endpoint: 'bedrock' }, 'eu-west-1', { AWS_REGION: 'us-east-1' })?.description,
    ).toBe('Amazon Bedrock (us-east-1)');
    expect(modelBackendOf({ endpoint: 'bedrock' }, 'eu-west-1', {})?.description).toBe(
      'Amazon Bedrock (eu-west-1)',
    );
  });

  it('refuses an endpoint that is neither bedrock nor a URL, and a URL without a model', () => {
    expect(() => modelBackendOf({ endpoint: 'ollama' }, 'eu-west-1')).toThrow(ModelEndpointError);
    expect(() => modelBackendOf({ endpoint: 'http://localhost:11434/v1' }, 'eu-west-1')).toThrow(
      /--model-id is required/,
    );
    expect(
      modelBackendOf({ endpoint: 'http://localhost:11434/v1', modelId: 'llama3.2' }, 'eu-west-1')
        ?.description,
    ).toBe('OpenAI-compatible http://localhost:11434/v1 (model llama3.2)');
  });
});
