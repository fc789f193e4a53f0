import type { Conversation } from './conversation';
import { BedrockError } from './errors';
import { familyOf, invokeResponseBody } from './invokeBodies';
import { failureOf, type ModelBackend } from './modelBackend';
import { type ChatResponse, chatRequestOf, converseResponseOf } from './openAiTranslation';

type Body = Record<string, unknown>;

export interface OpenAiBackendOptions {
  /** Base URL of the OpenAI-compatible API, e.g. `http://localhost:11434/v1` (Ollama). */
  baseUrl: string;
  /** The server's model name (`llama3.2`): Bedrock model ids mean nothing to it. */
  model: string;
  /** Sent as `Authorization: Bearer` when set (hosted OpenAI-compatible APIs). */
  apiKey?: string;
  /** How long one completion may take (default 120 s: local models on a laptop are slow). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The HTTP status of a failed completion as the Bedrock error a caller would get for it. */
function bedrockErrorOf(status: number, detail: string, where: string): BedrockError {
  const message = `${where} answered ${status}: ${detail}`;
  if (status === 429) return new BedrockError(429, 'ThrottlingException', message);
  if (status === 404) return new BedrockError(404, 'ResourceNotFoundException', message);
  if (status === 401 || status === 403) return new BedrockError(403, 'AccessDeniedException', message);
  if (status >= 500) return new BedrockError(503, 'ServiceUnavailableException', message);
  return new BedrockError(400, 'ValidationException', message);
}

/** The error text of an OpenAI-style error body (`{ error: { message } }` or `{ error: "…" }`), else the text. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string } };
    const error = body.error;
    return (typeof error === 'string' ? error : error?.message) ?? text;
  } catch {
    return text.slice(0, 300);
  }
}

/** The Converse body for a conversation read from an InvokeModel body (text, tools, tool choice). */
function converseBodyOf(conversation: Conversation): Body {
  const choice = conversation.toolChoice;
  return {
    system: conversation.system.map((text) => ({ text })),
    messages: conversation.messages.map((message) => ({
      role: message.role === 'assistant' ? 'assistant' : 'user',
      content: [{ text: message.text }],
    })),
    ...(conversation.tools.length && choice !== 'none'
      ? {
          toolConfig: {
            tools: conversation.tools.map((tool) => ({
              toolSpec: {
                name: tool.name,
                description: tool.description,
                inputSchema: { json: tool.schema },
              },
            })),
            toolChoice: typeof choice === 'object' ? { tool: choice } : { [choice]: {} },
          },
        }
      : {}),
    ...(conversation.maxTokens === undefined
      ? {}
      : { inferenceConfig: { maxTokens: conversation.maxTokens } }),
  };
}

/**
 * Answers Converse (and InvokeModel, through the same translation) with an OpenAI-compatible chat completions
 * server such as Ollama: `pnpm start --model-endpoint http://localhost:11434/v1 --model-id llama3.2`.
 */
export function openAiBackend(options: OpenAiBackendOptions): ModelBackend {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? fetch;
  const where = `The model endpoint ${base}`;
  const headers = {
    'content-type': 'application/json',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  };

  async function converse(body: Body): Promise<Body> {
    const started = Date.now();
    let response: Response;
    try {
      response = await fetchImpl(`${base}/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify(chatRequestOf(body, options.model)),
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
      });
    } catch (error) {
      const why = failureOf(error);
      if (why === 'no answer in time')
        throw new BedrockError(
          408,
          'ModelTimeoutException',
          `${where} (${options.model}) gave no answer in time`,
        );
      throw new BedrockError(
        503,
        'ServiceUnavailableException',
        `${where} is unreachable (${why}): start the server (e.g. \`ollama serve\`), or start the local cloud without --model-endpoint to use the local model`,
      );
    }
    const text = await response.text();
    if (!response.ok) throw bedrockErrorOf(response.status, errorDetail(text), where);
    let parsed: ChatResponse;
    try {
      parsed = JSON.parse(text) as ChatResponse;
    } catch {
      throw new BedrockError(
        503,
        'ServiceUnavailableException',
        `${where} answered something that is not JSON`,
      );
    }
    return converseResponseOf(parsed, Date.now() - started);
  }

  return {
    description: `OpenAI-compatible ${base} (model ${options.model})`,
    converse: (_modelId, body) => converse(body),
    async invoke(modelId, _body, conversation) {
      const response = await converse(converseBodyOf(conversation));
      const content = ((response.output as Body).message as { content: Body[] }).content;
      const use = content.find((block) => block.toolUse)?.toolUse as
        | { toolUseId: string; name: string; input: unknown }
        | undefined;
      const usage = response.usage as { inputTokens: number; outputTokens: number };
      const common = { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, seed: '' };
      const stopReason = response.stopReason as 'end_turn' | 'tool_use' | 'max_tokens';
      const answer = use
        ? { kind: 'tool' as const, ...use, stopReason: 'tool_use' as const, ...common }
        : {
            kind: 'text' as const,
            text: content.map((block) => block.text ?? '').join(''),
            stopReason: stopReason === 'max_tokens' ? stopReason : ('end_turn' as const),
            ...common,
          };
      return { body: invokeResponseBody(familyOf(modelId), modelId, answer), ...usage };
    },
    async probe() {
      try {
        const response = await fetchImpl(`${base}/models`, { headers, signal: AbortSignal.timeout(3000) });
        return response.ok ? undefined : `${where} answered ${response.status} to GET /models`;
      } catch (error) {
        return `${where} is unreachable (${failureOf(error)})`;
      }
    },
  };
}
