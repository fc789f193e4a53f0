import { type Conversation, promptText } from './conversation';
import { type JsonSchema, sampleFromSchema, violateSchema } from './schemaSample';
import { datesIn, estimateTokens, figuresIn, pick, seededRandom, topicsIn } from './seed';

/** What the local model answers, before it is put in an API's shape. */
export type ModelAnswer = {
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens';
  inputTokens: number;
  outputTokens: number;
  /** Hex digest of the request, the seed of everything generated. */
  seed: string;
} & ({ kind: 'text'; text: string } | { kind: 'tool'; toolUseId: string; name: string; input: unknown });

const OPENERS = ['In short:', 'Summary:', 'Overview:', 'At a glance:'];

/** The tool to call, if the request offers one and the last message is not already a tool result. */
function chosenTool(conversation: Conversation) {
  const last = conversation.messages.at(-1);
  if (conversation.toolChoice === 'none' || !conversation.tools.length || last?.hasToolResult)
    return undefined;
  const choice = conversation.toolChoice;
  return typeof choice === 'object'
    ? conversation.tools.find((tool) => tool.name === choice.name)
    : conversation.tools[0];
}

/** A deterministic summary naming the prompt's figures and topics; JSON when the prompt asks for JSON. */
function summaryText(prompt: string, random: () => number, malformed: boolean): string {
  const figures = figuresIn(prompt);
  const topics = topicsIn(prompt);
  const summary = [
    pick(OPENERS, random),
    topics.length
      ? `the request is about ${topics.slice(0, 3).join(', ')}.`
      : 'the request has no clear topic.',
    figures.length ? `Figures mentioned: ${figures.join(', ')}.` : 'No figures were mentioned.',
    '(Answered by the Spendwise local model.)',
  ].join(' ');
  if (malformed) return `Here is the JSON you asked for: {"summary": "${summary.slice(0, 40)}`;
  if (!/json/i.test(prompt)) return summary;
  return JSON.stringify({ summary, highlights: topics.slice(0, 3), figures });
}

/** Cuts a text to `maxTokens` (estimated), as a model stops at its token limit. */
function limited(text: string, maxTokens: number | undefined): { text: string; truncated: boolean } {
  if (maxTokens === undefined || estimateTokens(text) <= maxTokens) return { text, truncated: false };
  return { text: text.slice(0, maxTokens * 4), truncated: true };
}

/**
 * Answers a conversation deterministically: the same model id and request always give the same answer.
 * With a tool to call, a `tool` answer whose input validates against the tool's JSON schema (or violates it
 * when `malformed`); otherwise a text answer.
 */
export function answer(modelId: string, conversation: Conversation, malformed = false): ModelAnswer {
  const prompt = promptText(conversation);
  const { random, digest } = seededRandom({ modelId, conversation });
  const inputTokens = estimateTokens(prompt + JSON.stringify(conversation.tools));
  const tool = chosenTool(conversation);
  if (tool) {
    const source = { random, figures: figuresIn(prompt), topics: topicsIn(prompt), dates: datesIn(prompt) };
    const valid = sampleFromSchema(tool.schema as JsonSchema, source);
    const input = malformed ? violateSchema(tool.schema as JsonSchema, valid) : valid;
    const outputTokens = estimateTokens(JSON.stringify(input));
    const toolUseId = `tooluse_local_${digest.slice(0, 22)}`;
    return {
      kind: 'tool',
      toolUseId,
      name: tool.name,
      input,
      stopReason: 'tool_use',
      inputTokens,
      outputTokens,
      seed: digest,
    };
  }
  const { text, truncated } = limited(summaryText(prompt, random, malformed), conversation.maxTokens);
  const stopReason = truncated ? 'max_tokens' : 'end_turn';
  return { kind: 'text', text, stopReason, inputTokens, outputTokens: estimateTokens(text), seed: digest };
}
