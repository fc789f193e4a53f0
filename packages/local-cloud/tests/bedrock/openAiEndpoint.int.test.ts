import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { BedrockApi, LocalModel, openAiBackend } from '../../src/bedrock';
import { fakeCloud } from '../../src/testing/fakeCloud';
import {
  localClientConfig,
  startThrowawayGateway,
  type ThrowawayGateway,
} from '../stepfunctions/throwawayGateway';

/**
 * Converse sent to the local Bedrock endpoint and answered by an OpenAI-compatible server, as with
 * `--model-endpoint http://localhost:11434/v1`: a small HTTP server in the test speaks the chat completions
 * shape in Ollama's place. What it received and what the SDK got back are both checked.
 */

const MODEL = 'amazon.nova-micro-v1:0';
const reportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'highlights'],
  properties: {
    summary: { type: 'string', minLength: 10 },
    highlights: { type: 'array', minItems: 1, items: { type: 'string' } },
  },
};
const forcedTool: ConverseCommandInput = {
  modelId: MODEL,
  system: [{ text: 'You write monthly spending reports.' }],
  messages: [{ role: 'user', content: [{ text: 'October: groceries €420.00, dining €180.50.' }] }],
  inferenceConfig: { maxTokens: 400, temperature: 0.2 },
  toolConfig: {
    tools: [
      { toolSpec: { name: 'submit_report', description: 'Submit it', inputSchema: { json: reportSchema } } },
    ],
    toolChoice: { tool: { name: 'submit_report' } },
  },
};

/** What the fake server answers next; by default a tool call when one is forced, else text. */
let nextAnswer: ((request: Record<string, unknown>) => { status: number; body: unknown }) | undefined;
const received: Record<string, unknown>[] = [];

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
}

function defaultAnswer(request: Record<string, unknown>) {
  const forced = request.tool_choice as { function?: { name: string } } | undefined;
  const message = forced?.function
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: {
              name: forced.function.name,
              arguments: JSON.stringify({
                summary: 'Groceries led at €420.00.',
                highlights: ['Dining €180.50.'],
              }),
            },
          },
        ],
      }
    : { role: 'assistant', content: 'Groceries led at €420.00.' };
  return {
    status: 200,
    body: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      choices: [{ index: 0, message, finish_reason: forced?.function ? 'tool_calls' : 'stop' }],
      usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
    },
  };
}

const server: Server = createServer((request, response) => {
  void (async () => {
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      response.writeHead(404).end();
      return;
    }
    const body = await readJson(request);
    received.push(body);
    const answer = (nextAnswer ?? defaultAnswer)(body);
    nextAnswer = undefined;
    response
      .writeHead(answer.status, { 'content-type': 'application/json' })
      .end(JSON.stringify(answer.body));
  })();
});

const fake = fakeCloud();
let model: LocalModel;
let gateway: ThrowawayGateway;
let client: BedrockRuntimeClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  model = new LocalModel(fake.cloud, {
    env: {},
    backend: openAiBackend({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'llama3.2' }),
  });
  gateway = await startThrowawayGateway([new BedrockApi(model)], { http2: true });
  client = new BedrockRuntimeClient({ ...localClientConfig(gateway.endpoint), maxAttempts: 1 });
});

beforeEach(() => {
  received.length = 0;
  model.faults.clear();
});

afterAll(async () => {
  client.destroy();
  await gateway.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Converse through an OpenAI-compatible server', () => {
  it('sends the system prompt, messages, tool and forced choice as a chat completion', async () => {
    await client.send(new ConverseCommand(forcedTool));

    expect(received).toEqual([
      {
        model: 'llama3.2',
        messages: [
          { role: 'system', content: 'You write monthly spending reports.' },
          { role: 'user', content: 'October: groceries €420.00, dining €180.50.' },
        ],
        tools: [
          {
            type: 'function',
            function: { name: 'submit_report', description: 'Submit it', parameters: reportSchema },
          },
        ],
        tool_choice: { type: 'function', function: { name: 'submit_report' } },
        max_tokens: 400,
        temperature: 0.2,
        stream: false,
      },
    ]);
  });

  it('answers the SDK with the tool call as a toolUse block, the stop reason and the usage', async () => {
    const response = await client.send(new ConverseCommand(forcedTool));

    expect(response.stopReason).toBe('tool_use');
    expect(response.output?.message?.content).toEqual([
      {
        toolUse: {
          toolUseId: 'call_1',
          name: 'submit_report',
          input: { summary: 'Groceries led at €420.00.', highlights: ['Dining €180.50.'] },
        },
      },
    ]);
    expect(response.usage).toEqual({ inputTokens: 120, outputTokens: 30, totalTokens: 150 });
    expect(response.additionalModelResponseFields).toBeUndefined();
  });

  it('carries an earlier tool call and its result back as assistant tool_calls and a tool message', async () => {
    await client.send(
      new ConverseCommand({
        modelId: MODEL,
        messages: [
          { role: 'user', content: [{ text: 'What did I spend?' }] },
          {
            role: 'assistant',
            content: [{ toolUse: { toolUseId: 't1', name: 'totals', input: { month: '2026-10' } } }],
          },
          {
            role: 'user',
            content: [{ toolResult: { toolUseId: 't1', content: [{ json: { total: '€600.50' } }] } }],
          },
        ],
        toolConfig: { tools: [{ toolSpec: { name: 'totals', inputSchema: { json: { type: 'object' } } } }] },
      }),
    );

    expect(received[0]?.messages).toEqual([
      { role: 'user', content: 'What did I spend?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 't1', type: 'function', function: { name: 'totals', arguments: '{"month":"2026-10"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 't1', content: '{"total":"€600.50"}' },
    ]);
    expect(received[0]?.tool_choice).toBe('auto');
  });

  it('keeps the fault switches: a throttled call never reaches the server and is in the request log', async () => {
    model.faults.set({ throttleNext: 1 });

    await expect(client.send(new ConverseCommand(forcedTool))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });

    expect(received).toHaveLength(0);
    expect(model.requests.list(1)[0]).toMatchObject({ modelId: MODEL, fault: 'throttle' });
  });

  it('breaks the real answer on a malformed fault, so it no longer validates', async () => {
    model.faults.set({ malformedNext: 1 });

    const response = await client.send(new ConverseCommand(forcedTool));

    const input = response.output?.message?.content?.[0]?.toolUse?.input;
    expect(received).toHaveLength(1);
    expect(new Ajv().validate(reportSchema, input)).toBe(false);
  });

  it('answers the server’s 404 for an unknown model as ResourceNotFoundException with its message', async () => {
    nextAnswer = () => ({
      status: 404,
      body: { error: { message: 'model "llama3.2" not found, try pulling it first' } },
    });

    const failure = client.send(new ConverseCommand(forcedTool));

    await expect(failure).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: expect.stringContaining('try pulling it first'),
    });
  });

  it('answers InvokeModel in the model family’s body shape from the server’s text', async () => {
    const response = await client.send(
      new InvokeModelCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        contentType: 'application/json',
        body: JSON.stringify({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 100,
          messages: [{ role: 'user', content: 'Summarise October.' }],
        }),
      }),
    );

    const body = JSON.parse(new TextDecoder().decode(response.body));
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'Groceries led at €420.00.' }],
    });
    expect(received[0]).toMatchObject({ model: 'llama3.2', max_tokens: 100 });
  });
});

describe('an OpenAI-compatible endpoint that is not there', () => {
  it('answers ServiceUnavailableException naming the endpoint and why, and says so at start-up', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const backend = openAiBackend({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'llama3.2' });
    const gone = new LocalModel(fake.cloud, { env: {}, backend });

    const failure = gone.converse(MODEL, forcedTool as unknown as Record<string, unknown>);

    await expect(failure).rejects.toMatchObject({
      status: 503,
      code: 'ServiceUnavailableException',
      message: expect.stringMatching(
        new RegExp(`127\\.0\\.0\\.1:${port}/v1 is unreachable \\(ECONNREFUSED\\)`),
      ),
    });
    expect(await backend.probe()).toMatch(/unreachable \(ECONNREFUSED\)/);
  });
});
