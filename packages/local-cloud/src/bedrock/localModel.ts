import { setTimeout as delay } from 'node:timers/promises';
import type { LocalCloud } from '../core/context';
import { answer, type ModelAnswer } from './answer';
import { type Conversation, fromConverse } from './conversation';
import { BedrockError, throttled } from './errors';
import { type FaultSettings, FaultSwitches, faultsFromEnv } from './faults';
import { conversationFromInvokeBody, converseContent, familyOf, invokeResponseBody } from './invokeBodies';
import { ModelRequestLog, requestLogSizeFromEnv } from './requestLog';

/** Header on every local model response, so nobody mistakes it for Bedrock. */
export const LOCAL_MODEL_HEADER = 'x-spendwise-local-model';

export interface LocalModelOptions {
  /** Initial fault switches, merged over `SPENDWISE_LOCAL_MODEL_FAULTS`. */
  faults?: FaultSettings;
  /** Where to read `SPENDWISE_LOCAL_MODEL_FAULTS` and `SPENDWISE_LOCAL_MODEL_REQUEST_LOG` (default process.env). */
  env?: Record<string, string | undefined>;
  /** How many received requests to keep (default `SPENDWISE_LOCAL_MODEL_REQUEST_LOG`, else 100). */
  requestLogSize?: number;
}

/** One answered call: the answer and how long it took. */
export interface Invocation {
  answer: ModelAnswer;
  latencyMs: number;
  malformed: boolean;
}

type Body = Record<string, unknown>;

/**
 * A deterministic stand-in for Bedrock models: Converse and InvokeModel (Anthropic messages, Titan text,
 * Nova), tool use with schema-valid input, token usage estimates, `AWS/Bedrock` metrics, fault injection, and
 * a log of the last requests it received (what the model was really sent).
 * @example const model = new LocalModel(cloud); model.faults.set({ throttleNext: 3 }); model.requests.list();
 */
export class LocalModel {
  readonly faults: FaultSwitches;
  readonly requests: ModelRequestLog;

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
  }

  /** Converse: the response body as Bedrock returns it, labelled in additionalModelResponseFields. */
  async converse(modelId: string, body: Body): Promise<Body> {
    const { answer: result, latencyMs, malformed } = await this.run(modelId, fromConverse(body));
    return {
      output: { message: { role: 'assistant', content: converseContent(result) } },
      stopReason: result.stopReason,
      usage: {
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
        totalTokens: result.inputTokens + result.outputTokens,
      },
      metrics: { latencyMs },
      additionalModelResponseFields: {
        localModel: true,
        seed: result.seed,
        ...(malformed ? { injectedFault: 'malformed' } : {}),
      },
    };
  }

  /** InvokeModel with the body shape of the model's family; also returns the invocation for response headers. */
  async invoke(modelId: string, body: Body): Promise<{ body: Body; invocation: Invocation }> {
    const family = familyOf(modelId);
    const invocation = await this.run(modelId, conversationFromInvokeBody(family, body));
    return { body: invokeResponseBody(family, modelId, invocation.answer), invocation };
  }

  /** InvokeModel for the Step Functions `bedrock:invokeModel` integration (errors carry `code`). */
  async invokeModel(modelId: string, body: unknown): Promise<unknown> {
    return (await this.invoke(modelId, (body ?? {}) as Body)).body;
  }

  private async run(modelId: string, conversation: Conversation): Promise<Invocation> {
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
    const result = answer(modelId, conversation, malformed);
    const latencyMs = Date.now() - started;
    this.put(modelId, 'Invocations', 1, 'Count');
    this.put(modelId, 'InputTokenCount', result.inputTokens, 'Count');
    this.put(modelId, 'OutputTokenCount', result.outputTokens, 'Count');
    this.put(modelId, 'InvocationLatency', latencyMs, 'Milliseconds');
    return { answer: result, latencyMs, malformed };
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
