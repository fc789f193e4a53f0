import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  InvokeModelCommand,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { BedrockApi, LocalModel } from '../../src/bedrock';
import type { AwsRequest } from '../../src/core/protocol';
import { fakeCloud } from '../../src/testing/fakeCloud';
import {
  localClientConfig,
  startThrowawayGateway,
  type ThrowawayGateway,
} from '../stepfunctions/throwawayGateway';

const MODEL = 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0';
const reportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['headline', 'highlights', 'riskLevel', 'totalSpent'],
  properties: {
    headline: { type: 'string', minLength: 10 },
    highlights: { type: 'array', minItems: 2, maxItems: 4, items: { type: 'string' } },
    riskLevel: { type: 'string', enum: ['low', 'medium', 'high'] },
    totalSpent: { type: 'number', minimum: 0 },
  },
};
const question: ConverseCommandInput = {
  modelId: MODEL,
  system: [{ text: 'You write monthly spending reports.' }],
  messages: [
    { role: 'user', content: [{ text: 'January 2025: groceries €412.30, dining €96.10, rent €950.' }] },
  ],
  inferenceConfig: { maxTokens: 400, temperature: 0 },
};
const forcedTool: ConverseCommandInput = {
  ...question,
  toolConfig: {
    tools: [
      {
        toolSpec: {
          name: 'saveReport',
          description: 'Store the report',
          inputSchema: { json: reportSchema },
        },
      },
    ],
    toolChoice: { tool: { name: 'saveReport' } },
  },
};

const fake = fakeCloud();
const model = new LocalModel(fake.cloud, { env: {} });
const api = new BedrockApi(model);
const seen: AwsRequest[] = [];
let gateway: ThrowawayGateway;
let client: BedrockRuntimeClient;

const toolUseOf = (response: ConverseCommandOutput) => response.output?.message?.content?.[0]?.toolUse;

beforeAll(async () => {
  gateway = await startThrowawayGateway(
    [
      {
        services: api.services,
        accepts: (r) => api.accepts(r),
        handle: (r) => {
          seen.push(r);
          return api.handle(r);
        },
      },
    ],
    { http2: true },
  );
  client = new BedrockRuntimeClient({ ...localClientConfig(gateway.endpoint), maxAttempts: 1 });
});

beforeEach(() => model.faults.clear());

afterAll(async () => {
  client.destroy();
  await gateway.close();
});

describe('Bedrock Runtime over h2c through @aws-sdk/client-bedrock-runtime', () => {
  it('answers Converse with a deterministic text answer over HTTP/2', async () => {
    const first = await client.send(new ConverseCommand(question));
    const second = await client.send(new ConverseCommand(question));

    expect(seen.at(-1)!.http2).toBe(true);
    expect(first.stopReason).toBe('end_turn');
    expect(first.output!.message!.content![0]!.text).toContain('€412.30');
    expect(second.output).toEqual(first.output);
    expect(second.usage).toEqual(first.usage);
  });

  it('reports usage, latency and the local label', async () => {
    const response = await client.send(new ConverseCommand(question));

    expect(response.usage!.totalTokens).toBe(response.usage!.inputTokens! + response.usage!.outputTokens!);
    // The latency reported is the one the model measured and put as its AWS/Bedrock metric.
    const measured = fake.recorded.metrics.filter((datum) => datum.name === 'InvocationLatency').at(-1);
    expect(Number.isInteger(response.metrics!.latencyMs)).toBe(true);
    expect(response.metrics!.latencyMs).toBe(measured?.value);
    expect(response.additionalModelResponseFields).toMatchObject({ localModel: true });
    expect(response.$metadata.httpStatusCode).toBe(200);
  });

  it('answers a forced tool with toolUse input that validates against its schema', async () => {
    const response = await client.send(new ConverseCommand(forcedTool));

    const toolUse = toolUseOf(response)!;
    const valid = new Ajv().validate(reportSchema, toolUse.input);
    expect(response.stopReason).toBe('tool_use');
    expect(toolUse.name).toBe('saveReport');
    expect(toolUse.toolUseId).toMatch(/^tooluse_/);
    expect(valid).toBe(true);
    expect([412.3, 96.1, 950]).toContain((toolUse.input as { totalSpent: number }).totalSpent);
  });

  it('keeps each request it received over the wire, as the SDK sent it, with the fault it met', async () => {
    const before = model.requests.list(1)[0]?.sequence ?? 0;
    model.faults.set({ throttleNext: 1 });

    await expect(client.send(new ConverseCommand(forcedTool))).rejects.toBeInstanceOf(ThrottlingException);
    await client.send(new ConverseCommand(question));

    const received = model.requests.list().filter((request) => request.sequence > before);
    expect(received).toEqual([
      expect.objectContaining({
        modelId: MODEL,
        system: ['You write monthly spending reports.'],
        messages: [{ role: 'user', text: 'January 2025: groceries €412.30, dining €96.10, rent €950.' }],
        tools: ['saveReport'],
      }),
      expect.objectContaining({ tools: [] }),
    ]);
    expect(received.map((request) => request.fault)).toEqual(['throttle', undefined]);
  });

  it('throttles three calls with ThrottlingException and answers the fourth', async () => {
    model.faults.set({ throttleNext: 3 });

    const outcomes = [];
    for (let call = 0; call < 4; call++) {
      outcomes.push(
        await client.send(new ConverseCommand(question)).then(
          () => 'ok',
          (error: Error) => error,
        ),
      );
    }

    expect(outcomes.slice(0, 3).every((outcome) => outcome instanceof ThrottlingException)).toBe(true);
    expect((outcomes[0] as ThrottlingException).$metadata.httpStatusCode).toBe(429);
    expect(outcomes[3]).toBe('ok');
  });

  it('lets the SDK retry strategy ride out throttling', async () => {
    const retrying = new BedrockRuntimeClient({ ...localClientConfig(gateway.endpoint), maxAttempts: 3 });
    model.faults.set({ throttleNext: 2 });

    const response = await retrying.send(new ConverseCommand(question));

    expect(response.stopReason).toBe('end_turn');
    expect(response.$metadata.attempts).toBe(3);
    retrying.destroy();
  });

  it('answers malformed tool input that violates the schema', async () => {
    model.faults.set({ malformedNext: 1 });

    const response = await client.send(new ConverseCommand(forcedTool));

    expect(new Ajv().validate(reportSchema, toolUseOf(response)!.input)).toBe(false);
    expect(response.additionalModelResponseFields).toMatchObject({
      localModel: true,
      injectedFault: 'malformed',
    });
  });

  it('delays the answer beyond timeoutMs so a client request timeout fires', async () => {
    const impatient = new BedrockRuntimeClient({
      ...localClientConfig(gateway.endpoint),
      maxAttempts: 1,
      requestHandler: { requestTimeout: 200 },
    });
    model.faults.set({ timeoutNext: 1, timeoutMs: 200 });

    const call = impatient.send(new ConverseCommand(question));

    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    impatient.destroy();
  });

  it('answers InvokeModel with an Anthropic messages body and the local label header', async () => {
    const response = await client.send(
      new InvokeModelCommand({
        modelId: MODEL,
        contentType: 'application/json',
        body: JSON.stringify({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 300,
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Spent 12.50 on coffee' }] }],
        }),
      }),
    );

    const body = JSON.parse(new TextDecoder().decode(response.body));
    expect(body).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn' });
    expect(body.content[0].text).toContain('12.50');
    expect(seen.at(-1)!.path).toBe(`/model/${encodeURIComponent(MODEL)}/invoke`);
  });

  it('marks every response with x-spendwise-local-model', async () => {
    const request = {
      ...seen.at(-1)!,
      path: `/model/${encodeURIComponent(MODEL)}/converse`,
      body: Buffer.from(JSON.stringify(question)),
    };

    const response = await api.handle(request);

    expect(response.headers).toMatchObject({ 'x-spendwise-local-model': 'true' });
  });
});
