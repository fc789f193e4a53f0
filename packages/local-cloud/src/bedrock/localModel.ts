import { setTimeout as delay } from 'node:timers/promises';
import type { LocalCloud } from '../core/context';
import { answer } from './answer';
import { type Conversation, fromConverse } from './conversation';
import { BedrockError, throttled } from './errors';
import { type FaultSettings, FaultSwitches, faultsFromEnv } from './faults';
import { conversationFromInvokeBody, converseContent, familyOf, invokeResponseBody } from './invokeBodies';
import type { ModelBackend } from './modelBackend';
import { ModelRequestLog, requestLogSizeFromEnv } from './requestLog';
import { violateSchema } from './schemaSample';

/** Header on every local model response, so nobody mistakes it for Bedrock. */
export const LOCAL_MODEL_HEADER = 'x-spendwise-local-model';

export interface LocalModelOptions {
  /** Initial fault switches, merged over `SPENDWISE_LOCAL_MODEL_FAULTS`. */
  faults?: FaultSettings;
  /** Where to read `SPENDWISE_LOCAL_MODEL_FAULTS` and `SPENDWISE_LOCAL_MODEL_REQUEST_LOG` (default process.env). */
  env?: Record<string, string | undefined>;
  /** How many received requests to keep (default `SPENDWISE_LOCAL_MODEL_REQUEST_LOG`, else 100). */
  requestLogSize?: number;
  /** A real model to forward to (Amazon Bedrock, an OpenAI-compatible server); default: answer locally. */
  backend?: ModelBackend;
}

/** One answered call: the response body, its token counts and how long it took. */
export interface Invocation {
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  malformed: boolean;
}

type Body = Record<string, unknown>;

/** What one way of answering (local or forwarded) produced, before faults' bookkeeping. */
interface Produced {
  body: Body;
  inputTokens: number;
  outputTokens: number;
}

/**
 * A forwarded Converse answer broken as the `malformed` fault breaks local ones: a tool input that no longer
 * validates against its tool's schema, or text cut off in the middle.
 */
function malformedResponse(response: Body, conversation: Conversation): Body {
  const message = (response.output as { message?: { content?: Body[] } } | undefined)?.message;
  const content = (message?.content ?? []).map((block) => {
    const use = block.toolUse as { name: string; input: unknown } | undefined;
    const tool = use && conversation.tools.find((candidate) => candidate.name === use.name);
    if (use && tool) return { toolUse: { ...use, input: violateSchema(tool.schema, use.input) } };
    if (typeof block.text === 'string')
      return { text: block.text.slice(0, Math.ceil(block.text.length / 2)) };
    return block;
  });
  return { ...response, output: { message: { ...message, content } } };
}

/**
 * A deterministic stand-in for Bedrock models: Converse and InvokeModel (Anthropic messages, Titan text,
 * Nova), tool use with schema-valid input, token usage estimates, `AWS/Bedrock` metrics, fault injection, and
 * a log of the last requests it received (what the model was really sent). With a `backend`, the calls go to a
 * real model instead; faults, the request log and the metrics work the same.
 * @example const model = new LocalModel(cloud); model.faults.set({ throttleNext: 3 }); model.requests.list();
 */
export class LocalModel {
  readonly faults: FaultSwitches;
  readonly requests: ModelRequestLog;
  readonly backend: ModelBackend | undefined;

  constructor(
    private readonly ctx: Pick<LocalCloud, 'metrics'>,
    options: LocalModelOptions = {},
  ) {
    const env = options.env ?? process.env;
    this.faults = new FaultSwitches({
      ...faultsFromEnv(env.SPENDWISE_LOCAL_MODEL_FAULTS),
      ...options.faults,
    });
    this.requests = new ModelRequestLog(
      options.requestLogSize ?? requestLogSizeFromEnv(env.SPENDWISE_LOCAL_MODEL_REQUEST_LOG),
    );
    this.backend = options.backend;
  }

  /** Who answers: `local` or the backend's description. */
  get answeredBy(): string {
    return this.backend ? this.backend.description : 'local';
  }

  /** Converse: the response body as Bedrock returns it, labelled in additionalModelResponseFields when local. */
  async converse(modelId: string, body: Body): Promise<Body> {
    const conversation = fromConverse(body);
    const { body: response } = await this.run(modelId, conversation, async (malformed) => {
      if (this.backend) {
        const forwarded = await this.backend.converse(modelId, body);
        const usage = (forwarded.usage ?? {}) as { inputTokens?: number; outputTokens?: number };
        return {
          body: malformed ? malformedResponse(forwarded, conversation) : forwarded,
          inputTokens: usage.inputTokens ?? 0,
          outputTokens: usage.outputTokens ?? 0,
        };
      }
      const result = answer(modelId, conversation, malformed);
      return {
        body: {
          output: { message: { role: 'assistant', content: converseContent(result) } },
          stopReason: result.stopReason,
          usage: {
            inputTokens: result.inputTokens,
            outputTokens: result.outputTokens,
            totalTokens: result.inputTokens + result.outputTokens,
          },
          additionalModelResponseFields: {
            localModel: true,
            seed: result.seed,
            ...(malformed ? { injectedFault: 'malformed' } : {}),
          },
        },
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
      };
    });
    return response;
  }

  /**
   * InvokeModel with the body shape of the model's family; also returns the invocation for response headers.
   * Forwarded calls pass `malformed` faults through unbroken: the body shapes differ by family.
   */
  async invoke(modelId: string, body: Body): Promise<{ body: Body; invocation: Invocation }> {
    const family = familyOf(modelId);
    const conversation = conversationFromInvokeBody(family, body);
    const { body: response, ...invocation } = await this.run(modelId, conversation, async (malformed) => {
      if (this.backend) return this.backend.invoke(modelId, body, conversation);
      const result = answer(modelId, conversation, malformed);
      return {
        body: invokeResponseBody(family, modelId, result),
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
      };
    });
    return { body: response, invocation };
  }

  /** InvokeModel for the Step Functions `bedrock:invokeModel` integration (errors carry `code`). */
  async invokeModel(modelId: string, body: unknown): Promise<unknown> {
    return (await this.invoke(modelId, (body ?? {}) as Body)).body;
  }

  private async run(
    modelId: string,
    conversation: Conversation,
    produce: (malformed: boolean) => Promise<Produced>,
  ): Promise<Produced & Invocation> {
    const started = Date.now();
    const fault = this.faults.next();
    this.requests.record(modelId, conversation, fault);
    if (fault?.kind === 'throttle') {
      this.put(modelId, 'InvocationThrottles', 1, 'Count');
      throw throttled();
    }
    if (fault?.kind === 'fail') {
      this.put(modelId, 'InvocationServerErrors', 1, 'Count');
      throw new BedrockError(
        500,
        'InternalServerException',
        'The local model is set to fail every call (failAlways).',
      );
    }
    if (fault?.kind === 'timeout') await delay(fault.delayMs);
    const malformed = fault?.kind === 'malformed';
    let produced: Produced;
    try {
      produced = await produce(malformed);
    } catch (error) {
      if (error instanceof BedrockError && error.status === 429)
        this.put(modelId, 'InvocationThrottles', 1, 'Count');
      else if (error instanceof BedrockError && error.status >= 500)
        this.put(modelId, 'InvocationServerErrors', 1, 'Count');
      else this.put(modelId, 'InvocationClientErrors', 1, 'Count');
      throw error;
    }
    const latencyMs = Date.now() - started;
    this.put(modelId, 'Invocations', 1, 'Count');
    this.put(modelId, 'InputTokenCount', produced.inputTokens, 'Count');
    this.put(modelId, 'OutputTokenCount', produced.outputTokens, 'Count');
    this.put(modelId, 'InvocationLatency', latencyMs, 'Milliseconds');
    if (!this.backend) produced.body.metrics = { latencyMs };
    return { ...produced, latencyMs, malformed };
  }

  private put(modelId: string, name: string, value: number, unit: string): void {
    this.ctx.metrics.put({
      namespace: 'AWS/Bedrock',
      name,
      dimensions: { ModelId: modelId },
      value,
      unit,
      timestamp: new Date(),
    });
  }
}
