import type { Conversation } from './conversation';

type Body = Record<string, unknown>;

/**
 * A real model the local cloud's Bedrock endpoint forwards to instead of answering with the local model: Amazon
 * Bedrock itself, or an OpenAI-compatible server (Ollama…). Failures are BedrockErrors, so callers see the errors
 * Bedrock would answer (throttling, validation, unavailable).
 */
export interface ModelBackend {
  /** For the start-up summary and error messages: `Amazon Bedrock (eu-west-1)`, `http://localhost:11434/v1 (llama3.2)`. */
  readonly description: string;
  /** A Converse request body → a Converse response body. */
  converse(modelId: string, body: Body): Promise<Body>;
  /** An InvokeModel body → the model's response body and the token counts, when known. */
  invoke(
    modelId: string,
    body: Body,
    conversation: Conversation,
  ): Promise<{ body: Body; inputTokens: number; outputTokens: number }>;
  /** Undefined when the backend looks usable, else why not (printed at start-up; calls still try). */
  probe(): Promise<string | undefined>;
}

/** Why a connection failed, from a fetch or SDK error and its cause: `ECONNREFUSED`, `ENOTFOUND`, a timeout… */
export function failureOf(error: unknown): string {
  const { name, message, code, cause } = (error ?? {}) as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string; message?: string };
  };
  if (name === 'TimeoutError') return 'no answer in time';
  return cause?.code ?? code ?? cause?.message ?? message ?? String(error);
}
