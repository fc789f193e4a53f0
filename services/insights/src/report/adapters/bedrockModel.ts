import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  type Tool,
} from '@aws-sdk/client-bedrock-runtime';
import { REPORT_TOOL, REPORT_TOOL_NAME } from '../domain/answer';
import { ModelThrottledError, ModelTimeoutError, ModelUnavailableError } from '../domain/errors';
import type { ModelPrompt } from '../domain/prompt';
import type { AskModel, ModelReply } from '../ports';

export interface BedrockModelConfig {
  modelId: string;
  /** The call is aborted after this long and reported as ModelTimeout. */
  timeoutMs: number;
  maxTokens?: number;
}

/** Bedrock's answers for "too busy right now": worth another try after a pause. */
const CAPACITY_ERRORS = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'ModelNotReadyException',
]);
/** A model that did not answer in time, or our own abort after `timeoutMs`. */
const TIMEOUT_ERRORS = new Set(['ModelTimeoutException', 'TimeoutError', 'AbortError', 'RequestTimeout']);

/** Names a failed Converse call the way the state machine's Retry and Catch expect. */
export function modelError(error: unknown): Error {
  const { name, message, $metadata } = (error ?? {}) as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const detail = `${name ?? 'Error'}: ${message ?? String(error)}`;
  if ((name && CAPACITY_ERRORS.has(name)) || $metadata?.httpStatusCode === 429)
    return new ModelThrottledError(detail, { cause: error });
  if (name && TIMEOUT_ERRORS.has(name)) return new ModelTimeoutError(detail, { cause: error });
  return new ModelUnavailableError(detail, { cause: error });
}

const tool: Tool = {
  toolSpec: {
    name: REPORT_TOOL.name,
    description: REPORT_TOOL.description,
    inputSchema: { json: structuredClone(REPORT_TOOL.inputSchema) as never },
  },
};

function replyOf(response: ConverseCommandOutput, latencyMs: number): ModelReply {
  const toolUse = response.output?.message?.content?.find(
    (block) => block.toolUse?.name === REPORT_TOOL_NAME,
  )?.toolUse;
  return {
    ...(toolUse ? { toolInput: toolUse.input } : {}),
    ...(response.stopReason ? { stopReason: response.stopReason } : {}),
    inputTokens: response.usage?.inputTokens ?? 0,
    outputTokens: response.usage?.outputTokens ?? 0,
    latencyMs,
  };
}

/**
 * The model behind the AskModel port: one Converse call with the submit_report tool forced. Build the client
 * with `maxAttempts: 1`: the state machine retries, with backoff and jitter, and counts the attempts.
 *
 * @example const askModel = buildBedrockModel(new BedrockRuntimeClient({ maxAttempts: 1 }), { modelId, timeoutMs: 20_000 });
 */
export function buildBedrockModel(client: BedrockRuntimeClient, config: BedrockModelConfig): AskModel {
  return async (prompt: ModelPrompt) => {
    const started = Date.now();
    try {
      const response = await client.send(
        new ConverseCommand({
          modelId: config.modelId,
          system: [{ text: prompt.system }],
          messages: [{ role: 'user', content: [{ text: prompt.user }] }],
          inferenceConfig: { maxTokens: config.maxTokens ?? 1024, temperature: 0.2 },
          toolConfig: { tools: [tool], toolChoice: { tool: { name: REPORT_TOOL_NAME } } },
        }),
        { abortSignal: AbortSignal.timeout(config.timeoutMs) },
      );
      return replyOf(response, Date.now() - started);
    } catch (error) {
      throw modelError(error);
    }
  };
}
