import { invalid } from './errors';
import type { JsonSchema } from './schemaSample';

/** A request to the local model, whatever API or body shape it came in. */
export interface Conversation {
  system: string[];
  /** The text of each message (text blocks, tool results), in order. */
  messages: { role: string; text: string; hasToolResult: boolean }[];
  tools: { name: string; description?: string; schema: JsonSchema }[];
  /** `auto` (model decides), `any` (some tool), `none`, or one tool by name. */
  toolChoice: 'auto' | 'any' | 'none' | { name: string };
  maxTokens?: number;
}

type Block = Record<string, unknown>;

/** The text of one Converse content block (text, tool results, JSON documents). */
function blockText(block: Block): string {
  if (typeof block.text === 'string') return block.text;
  const result = block.toolResult as { content?: Block[] } | undefined;
  if (result)
    return (result.content ?? [])
      .map((part) => (part.json ? JSON.stringify(part.json) : blockText(part)))
      .join('\n');
  const use = block.toolUse as { input?: unknown } | undefined;
  return use ? JSON.stringify(use.input ?? {}) : '';
}

/** Converse `toolChoice` ({ auto: {} } | { any: {} } | { tool: { name } }). */
function converseToolChoice(choice: Block | undefined): Conversation['toolChoice'] {
  if (choice?.any) return 'any';
  const tool = choice?.tool as { name?: string } | undefined;
  return tool?.name ? { name: tool.name } : 'auto';
}

/** Reads a Converse request body (also Amazon Nova's InvokeModel body, which has the same shape). */
export function fromConverse(body: Block): Conversation {
  const messages = body.messages as { role: string; content?: Block[] }[] | undefined;
  if (!Array.isArray(messages) || messages.length === 0)
    throw invalid('A conversation must start with a user message.');
  const toolConfig = body.toolConfig as { tools?: Block[]; toolChoice?: Block } | undefined;
  const tools = (toolConfig?.tools ?? [])
    .map(
      (tool) => tool.toolSpec as { name: string; description?: string; inputSchema?: { json?: JsonSchema } },
    )
    .filter(Boolean)
    .map((spec) => ({
      name: spec.name,
      description: spec.description,
      schema: spec.inputSchema?.json ?? {},
    }));
  const inference = (body.inferenceConfig ?? {}) as { maxTokens?: number; max_new_tokens?: number };
  return checked({
    system: ((body.system as Block[] | undefined) ?? []).map(blockText).filter(Boolean),
    messages: messages.map((message) => ({
      role: message.role,
      text: (message.content ?? []).map(blockText).join('\n'),
      hasToolResult: (message.content ?? []).some((block) => block.toolResult !== undefined),
    })),
    tools,
    toolChoice: converseToolChoice(toolConfig?.toolChoice),
    maxTokens: inference.maxTokens ?? inference.max_new_tokens,
  });
}

/** Rejects what Bedrock rejects: a forced tool that was not offered, or tool choice without tools. */
export function checked(conversation: Conversation): Conversation {
  const choice = conversation.toolChoice;
  if (typeof choice === 'object' && !conversation.tools.some((tool) => tool.name === choice.name)) {
    throw invalid(`The tool ${choice.name} in toolChoice is not defined in toolConfig.tools.`);
  }
  if (conversation.maxTokens !== undefined && !(conversation.maxTokens >= 1))
    throw invalid('maxTokens must be at least 1.');
  return conversation;
}

/** All the text the model is given, for seeding, figures and token counts. */
export const promptText = (conversation: Conversation): string =>
  [...conversation.system, ...conversation.messages.map((message) => message.text)].join('\n');
