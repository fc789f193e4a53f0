/**
 * Converse ↔ OpenAI chat completions (the shape Ollama, llama.cpp's server, vLLM and LM Studio speak at `/v1`):
 * system prompts, text, tool definitions, the tool choice, tool calls and their results, and back to a Converse
 * response with `toolUse` blocks, stop reason and usage.
 */

type Body = Record<string, unknown>;
type Block = Record<string, unknown>;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: { type: 'function'; function: { name: string; description?: string; parameters: unknown } }[];
  tool_choice?: 'auto' | 'required' | 'none' | { type: 'function'; function: { name: string } };
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  stream: false;
}

export interface ChatResponse {
  choices?: {
    message?: {
      content?: string | null;
      tool_calls?: { id?: string; function?: { name?: string; arguments?: string | object } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** The text of a tool result's content blocks (`text` as is, `json` serialised). */
const resultText = (content: Block[] | undefined) =>
  (content ?? [])
    .map((part) => (part.json !== undefined ? JSON.stringify(part.json) : String(part.text ?? '')))
    .join('\n');

const texts = (content: Block[]) =>
  content
    .filter((block) => typeof block.text === 'string')
    .map((block) => block.text as string)
    .join('\n');

/** One Converse message as chat messages: tool results become `tool` messages, tool uses `tool_calls`. */
function chatMessages(message: { role: string; content?: Block[] }): ChatMessage[] {
  const content = message.content ?? [];
  if (message.role === 'assistant') {
    const calls = content
      .map((block) => block.toolUse as { toolUseId: string; name: string; input?: unknown } | undefined)
      .filter((use) => use !== undefined)
      .map((use) => ({
        id: use.toolUseId,
        type: 'function' as const,
        function: { name: use.name, arguments: JSON.stringify(use.input ?? {}) },
      }));
    const text = texts(content);
    return [{ role: 'assistant', content: text || null, ...(calls.length ? { tool_calls: calls } : {}) }];
  }
  const results: ChatMessage[] = content
    .map((block) => block.toolResult as { toolUseId: string; content?: Block[]; status?: string } | undefined)
    .filter((result) => result !== undefined)
    .map((result) => ({
      role: 'tool',
      tool_call_id: result.toolUseId,
      content: `${result.status === 'error' ? 'Error: ' : ''}${resultText(result.content)}`,
    }));
  const text = texts(content);
  return [...results, ...(text ? [{ role: 'user' as const, content: text }] : [])];
}

function toolChoice(choice: Block | undefined): ChatRequest['tool_choice'] {
  if (!choice || choice.auto) return 'auto';
  if (choice.any) return 'required';
  const name = (choice.tool as { name?: string } | undefined)?.name;
  return name ? { type: 'function', function: { name } } : 'auto';
}

/** A Converse request body as a chat completions request for `model`. */
export function chatRequestOf(body: Body, model: string): ChatRequest {
  const system = ((body.system as Block[] | undefined) ?? []).map((block) => block.text).filter(Boolean);
  const messages = ((body.messages as { role: string; content?: Block[] }[] | undefined) ?? []).flatMap(
    chatMessages,
  );
  const toolConfig = body.toolConfig as { tools?: Block[]; toolChoice?: Block } | undefined;
  const tools = (toolConfig?.tools ?? [])
    .map((tool) => tool.toolSpec as { name: string; description?: string; inputSchema?: { json?: unknown } })
    .filter(Boolean)
    .map((spec) => ({
      type: 'function' as const,
      function: {
        name: spec.name,
        ...(spec.description ? { description: spec.description } : {}),
        parameters: spec.inputSchema?.json ?? { type: 'object' },
      },
    }));
  const inference = (body.inferenceConfig ?? {}) as {
    maxTokens?: number;
    temperature?: number;
    topP?: number;
    stopSequences?: string[];
  };
  return {
    model,
    messages: [
      ...(system.length ? [{ role: 'system' as const, content: system.join('\n') }] : []),
      ...messages,
    ],
    ...(tools.length ? { tools, tool_choice: toolChoice(toolConfig?.toolChoice) } : {}),
    ...(inference.maxTokens === undefined ? {} : { max_tokens: inference.maxTokens }),
    ...(inference.temperature === undefined ? {} : { temperature: inference.temperature }),
    ...(inference.topP === undefined ? {} : { top_p: inference.topP }),
    ...(inference.stopSequences?.length ? { stop: inference.stopSequences } : {}),
    stream: false,
  };
}

const STOP_REASONS: Record<string, string> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  length: 'max_tokens',
  content_filter: 'content_filtered',
};

/** Tool call arguments as a JSON value; a model's broken JSON is passed on as the string it wrote. */
function argumentsOf(raw: string | object | undefined): unknown {
  if (raw === undefined) return {};
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** A chat completions response as a Converse response body. */
export function converseResponseOf(response: ChatResponse, latencyMs: number): Body {
  const choice = response.choices?.[0];
  const message = choice?.message ?? {};
  const content: Block[] = [];
  if (message.content) content.push({ text: message.content });
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    content.push({
      toolUse: {
        toolUseId: call.id ?? `tooluse_${index}`,
        name: call.function?.name ?? '',
        input: argumentsOf(call.function?.arguments),
      },
    });
  }
  const calledTool = content.some((block) => block.toolUse !== undefined);
  const stopReason = calledTool ? 'tool_use' : (STOP_REASONS[choice?.finish_reason ?? 'stop'] ?? 'end_turn');
  const inputTokens = response.usage?.prompt_tokens ?? 0;
  const outputTokens = response.usage?.completion_tokens ?? 0;
  return {
    output: { message: { role: 'assistant', content } },
    stopReason,
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    metrics: { latencyMs },
  };
}
