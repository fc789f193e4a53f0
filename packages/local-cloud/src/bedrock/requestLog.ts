import type { Conversation } from './conversation';
import type { Fault } from './faults';

/** How many requests the local model keeps by default (SPENDWISE_LOCAL_MODEL_REQUEST_LOG overrides). */
export const DEFAULT_REQUEST_LOG_SIZE = 100;

/** One request the local model received, as it received it, and what it did with it. */
export interface ModelRequest {
  /** 1, 2, 3, … since the model started (or since the log was cleared: numbering goes on). */
  sequence: number;
  receivedAt: string;
  modelId: string;
  /** The system prompts, in order. */
  system: string[];
  /** Each message's role and text (text blocks and tool results). */
  messages: { role: string; text: string }[];
  /** The names of the tools offered. */
  tools: string[];
  /** The fault injected into this call, if any: it was throttled, failed, answered late or malformed. */
  fault?: Fault['kind'];
}

/**
 * The last N requests the local model received (oldest first), for tests and the CLI to check what reached the
 * model: `GET /_local/model/requests`, `spendwise-local model requests`, or `model.requests.list()` in process.
 */
export class ModelRequestLog {
  private readonly entries: ModelRequest[] = [];
  private sequence = 0;

  constructor(readonly size: number = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`The model request log needs a positive size; got: ${size}`);
  }

  record(modelId: string, conversation: Conversation, fault: Fault | undefined, at = new Date()): void {
    this.entries.push({
      sequence: ++this.sequence,
      receivedAt: at.toISOString(),
      modelId,
      system: [...conversation.system],
      messages: conversation.messages.map(({ role, text }) => ({ role, text })),
      tools: conversation.tools.map((tool) => tool.name),
      ...(fault ? { fault: fault.kind } : {}),
    });
    if (this.entries.length > this.size) this.entries.splice(0, this.entries.length - this.size);
  }

  /** The kept requests, oldest first; `limit` keeps only the newest ones. */
  list(limit?: number): ModelRequest[] {
    const kept = limit === undefined ? this.entries : this.entries.slice(-Math.max(0, limit));
    return kept.map((entry) => structuredClone(entry));
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/** All the text of one request (system, messages), to search for what must or must not have reached the model. */
export const requestText = (request: ModelRequest): string =>
  [...request.system, ...request.messages.map((message) => message.text)].join('\n');

/** Parses SPENDWISE_LOCAL_MODEL_REQUEST_LOG (a positive integer), or the default when unset. */
export function requestLogSizeFromEnv(value: string | undefined): number {
  if (!value?.trim()) return DEFAULT_REQUEST_LOG_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`SPENDWISE_LOCAL_MODEL_REQUEST_LOG must be a positive integer; got: ${value}`);
  return size;
}
