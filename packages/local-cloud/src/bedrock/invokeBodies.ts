import type { ModelAnswer } from './answer';
import { type Conversation, checked, fromConverse } from './conversation';
import { invalid } from './errors';
import type { JsonSchema } from './schemaSample';

/** The InvokeModel body shapes the local model speaks. */
export type ModelFamily = 'anthropic' | 'titan' | 'nova';

type Body = Record<string, unknown>;

/** The body shape for a model id (`anthropic.*`, `amazon.titan-text*`, `amazon.nova*`, region prefixes allowed). */
export function familyOf(modelId: string): ModelFamily {
  if (/(^|\.)anthropic\./.test(modelId)) return 'anthropic';
  if (/(^|\.)amazon\.titan-text/.test(modelId)) return 'titan';
  if (/(^|\.)amazon\.nova/.test(modelId)) return 'nova';
  throw invalid('The provided model identifier is invalid.');
}

/** Text of an Anthropic content field (a string, or text / tool_result / tool_use blocks). */
function anthropicText(content: unknown): string {
  if (typeof content === 'string') return content;
  return ((content as Body[] | undefined) ?? [])
    .map((block) =>
      block.type === 'tool_result'
        ? anthropicText(block.content)
        : block.type === 'tool_use'
          ? JSON.stringify(block.input)
          : String(block.text ?? ''),
    )
    .join('\n');
}

function anthropicConversation(body: Body): Conversation {
  if (typeof body.anthropic_version !== 'string')
    throw invalid('Malformed input request: #: required key [anthropic_version] not found');
  if (typeof body.max_tokens !== 'number')
    throw invalid('Malformed input request: #: required key [max_tokens] not found');
  const messages = body.messages as { role: string; content: unknown }[] | undefined;
  if (!Array.isArray(messages) || !messages.length)
    throw invalid('Malformed input request: #/messages: expected minimum item count: 1');
  const choice = (body.tool_choice ?? { type: 'auto' }) as { type: string; name?: string };
  return checked({
    system: body.system === undefined ? [] : [anthropicText(body.system)],
    messages: messages.map((message) => ({
      role: message.role,
      text: anthropicText(message.content),
      hasToolResult:
        Array.isArray(message.content) && (message.content as Body[]).some((b) => b.type === 'tool_result'),
    })),
    tools: ((body.tools as Body[] | undefined) ?? []).map((tool) => ({
      name: String(tool.name),
      description: tool.description as string | undefined,
      schema: (tool.input_schema ?? {}) as JsonSchema,
    })),
    toolChoice:
      choice.type === 'tool' ? { name: String(choice.name) } : (choice.type as 'auto' | 'any' | 'none'),
    maxTokens: body.max_tokens,
  });
}

function titanConversation(body: Body): Conversation {
  if (typeof body.inputText !== 'string')
    throw invalid('Malformed input request: #: required key [inputText] not found');
  const config = (body.textGenerationConfig ?? {}) as { maxTokenCount?: number };
  return {
    system: [],
    messages: [{ role: 'user', text: body.inputText, hasToolResult: false }],
    tools: [],
    toolChoice: 'none',
    maxTokens: config.maxTokenCount,
  };
}

/** Reads an InvokeModel body of the given family. */
export function conversationFromInvokeBody(family: ModelFamily, body: Body): Conversation {
  if (family === 'anthropic') return anthropicConversation(body);
  if (family === 'titan') return titanConversation(body);
  return fromConverse(body);
}

/** Converse-shaped content of an answer (also Nova's InvokeModel output). */
export const converseContent = (result: ModelAnswer) =>
  result.kind === 'tool'
    ? [{ toolUse: { toolUseId: result.toolUseId, name: result.name, input: result.input } }]
    : [{ text: result.text }];

/** The InvokeModel response body for the family. */
export function invokeResponseBody(family: ModelFamily, modelId: string, result: ModelAnswer): Body {
  const usage = { inputTokens: result.inputTokens, outputTokens: result.outputTokens };
  if (family === 'titan') {
    const text = result.kind === 'text' ? result.text : JSON.stringify(result.input);
    const completionReason = result.stopReason === 'max_tokens' ? 'LENGTH' : 'FINISH';
    return {
      inputTextTokenCount: usage.inputTokens,
      results: [{ tokenCount: usage.outputTokens, outputText: text, completionReason }],
    };
  }
  if (family === 'nova') {
    return {
      output: { message: { role: 'assistant', content: converseContent(result) } },
      stopReason: result.stopReason,
      usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
    };
  }
  const content =
    result.kind === 'tool'
      ? [
          {
            type: 'tool_use',
            id: `toolu_bdrk_${result.seed.slice(0, 24)}`,
            name: result.name,
            input: result.input,
          },
        ]
      : [{ type: 'text', text: result.text }];
  return {
    id: `msg_bdrk_${result.seed.slice(0, 24)}`,
    type: 'message',
    role: 'assistant',
    model: modelId,
    content,
    stop_reason: result.stopReason,
    stop_sequence: null,
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
}
