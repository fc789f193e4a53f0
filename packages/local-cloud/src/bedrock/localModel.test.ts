import { describe, expect, it } from '@jest/globals';
import { fakeCloud } from '../testing/fakeCloud';
import { LocalModel } from './localModel';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const prompt = {
  messages: [{ role: 'user', content: [{ text: 'Summarise: groceries €320.40, transport €85, up 12%.' }] }],
};

const setUp = (env: Record<string, string> = {}) => {
  const fake = fakeCloud();
  return { ...fake, model: new LocalModel(fake.cloud, { env }) };
};

describe('LocalModel', () => {
  it('answers Converse with text that names the figures of the prompt', async () => {
    const { model } = setUp();

    const response = (await model.converse(HAIKU, prompt)) as {
      output: { message: { content: { text: string }[] } };
      stopReason: string;
    };

    expect(response.stopReason).toBe('end_turn');
    expect(response.output.message.content[0]!.text).toContain('€320.40');
  });

  it('estimates usage from text length and labels itself', async () => {
    const { model } = setUp();

    const response = (await model.converse(HAIKU, prompt)) as Record<
      string,
      Record<string, number | boolean>
    >;

    expect(response.usage!.inputTokens).toBe(
      Math.ceil((prompt.messages[0]!.content[0]!.text.length + 2) / 4),
    );
    expect(response.usage!.totalTokens).toBe(
      Number(response.usage!.inputTokens) + Number(response.usage!.outputTokens),
    );
    expect(response.additionalModelResponseFields!.localModel).toBe(true);
  });

  it('stops at maxTokens with stopReason max_tokens', async () => {
    const { model } = setUp();

    const response = (await model.converse(HAIKU, {
      ...prompt,
      inferenceConfig: { maxTokens: 5 },
    })) as Record<string, unknown>;

    expect(response.stopReason).toBe('max_tokens');
    expect(response.usage).toMatchObject({ outputTokens: 5 });
  });

  it('answers an Anthropic InvokeModel body in the Anthropic messages shape', async () => {
    const { model } = setUp();

    const body = (await model.invokeModel(HAIKU, {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      system: 'Reply in JSON.',
      messages: [{ role: 'user', content: 'Total spend 1,250.00 EUR' }],
    })) as { type: string; content: { type: string; text: string }[]; stop_reason: string; usage: object };

    expect(body).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn' });
    expect(JSON.parse(body.content[0]!.text).figures).toEqual(['1,250.00 EUR']);
    expect(body.usage).toEqual({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });
  });

  it('answers a forced Anthropic tool with a tool_use block', async () => {
    const { model } = setUp();

    const body = (await model.invokeModel(HAIKU, {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Spent 40' }],
      tools: [
        {
          name: 'save',
          input_schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' } } },
        },
      ],
      tool_choice: { type: 'tool', name: 'save' },
    })) as { content: { type: string; name: string; input: unknown }[]; stop_reason: string };

    expect(body.stop_reason).toBe('tool_use');
    expect(body.content[0]).toMatchObject({ type: 'tool_use', name: 'save', input: { amount: 40 } });
  });

  it('answers Titan text bodies and rejects unknown model families', async () => {
    const { model } = setUp();

    const titan = await model.invokeModel('amazon.titan-text-express-v1', { inputText: 'hello 42' });
    const unknown = model.invokeModel('acme.model-v1', {});

    expect(titan).toMatchObject({
      results: [{ completionReason: 'FINISH', outputText: expect.stringContaining('42') }],
    });
    await expect(unknown).rejects.toMatchObject({ code: 'ValidationException', status: 400 });
  });

  it('puts AWS/Bedrock metrics with the ModelId dimension, throttles included', async () => {
    const { model, recorded } = setUp({ SPENDWISE_LOCAL_MODEL_FAULTS: '{"throttleNext":1}' });

    await expect(model.converse(HAIKU, prompt)).rejects.toMatchObject({
      code: 'ThrottlingException',
      status: 429,
    });
    await model.converse(HAIKU, prompt);

    expect(recorded.metrics.map((datum) => datum.name)).toEqual([
      'InvocationThrottles',
      'Invocations',
      'InputTokenCount',
      'OutputTokenCount',
      'InvocationLatency',
    ]);
    expect(
      new Set(recorded.metrics.map((datum) => `${datum.namespace}|${datum.dimensions.ModelId}`)),
    ).toEqual(new Set([`AWS/Bedrock|${HAIKU}`]));
  });

  it('answers malformed text that is not JSON when asked to', async () => {
    const { model } = setUp();
    model.faults.set({ malformedNext: 1 });
    const asksForJson = { ...prompt, system: [{ text: 'Answer in JSON.' }] };

    const bad = (await model.converse(HAIKU, asksForJson)) as {
      output: { message: { content: { text: string }[] } };
    };
    const good = (await model.converse(HAIKU, asksForJson)) as {
      output: { message: { content: { text: string }[] } };
    };

    expect(() => JSON.parse(bad.output.message.content[0]!.text)).toThrow();
    expect(JSON.parse(good.output.message.content[0]!.text)).toHaveProperty('summary');
  });

  it('keeps the last N requests it received, as received, with the fault each one met', async () => {
    const fake = fakeCloud();
    const model = new LocalModel(fake.cloud, { env: {}, requestLogSize: 2 });
    model.faults.set({ throttleNext: 1 });
    const ask = (text: string) =>
      model.converse(HAIKU, {
        system: [{ text: 'You are terse.' }],
        messages: [{ role: 'user', content: [{ text }] }],
        toolConfig: { tools: [{ toolSpec: { name: 'save', inputSchema: { json: { type: 'object' } } } }] },
      });

    await expect(ask('first')).rejects.toMatchObject({ code: 'ThrottlingException' });
    await ask('second');
    await ask('third');

    const kept = model.requests.list();
    expect(kept.map((request) => [request.sequence, request.messages[0]?.text, request.fault])).toEqual([
      [2, 'second', undefined],
      [3, 'third', undefined],
    ]);
    expect(kept[0]).toMatchObject({ modelId: HAIKU, system: ['You are terse.'], tools: ['save'] });
    expect(model.requests.list(1).map((request) => request.sequence)).toEqual([3]);
  });

  it('logs a throttled request with its fault, and reads the log size from SPENDWISE_LOCAL_MODEL_REQUEST_LOG', async () => {
    const { model } = setUp({
      SPENDWISE_LOCAL_MODEL_FAULTS: '{"throttleNext":1}',
      SPENDWISE_LOCAL_MODEL_REQUEST_LOG: '1',
    });

    await expect(model.converse(HAIKU, prompt)).rejects.toMatchObject({ code: 'ThrottlingException' });

    expect(model.requests.size).toBe(1);
    expect(model.requests.list()).toEqual([expect.objectContaining({ sequence: 1, fault: 'throttle' })]);
    expect(() => setUp({ SPENDWISE_LOCAL_MODEL_REQUEST_LOG: 'lots' })).toThrow(
      /SPENDWISE_LOCAL_MODEL_REQUEST_LOG/,
    );
  });
});
