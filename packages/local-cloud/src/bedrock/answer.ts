import { type Conversation, promptText } from './conversation';
import { genericNarrative, type Narrative, narrativeOf, summaryOf } from './groundedText';
import { type JsonSchema, sampleFromSchema, violateSchema } from './schemaSample';
import { datesIn, estimateTokens, figuresIn, seededRandom, topicsIn } from './seed';
import { spendingDataIn } from './spendingData';

/** What the local model answers, before it is put in an API's shape. */
export type ModelAnswer = {
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens';
  inputTokens: number;
  outputTokens: number;
  /** Hex digest of the request, the seed of everything generated. */
  seed: string;
} & ({ kind: 'text'; text: string } | { kind: 'tool'; toolUseId: string; name: string; input: unknown });

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

/**
 * What the model can say about the prompt: sentences grounded in the spending data it carries (the insights
 * report's `<spending_data>` block), or, for any other prompt, only the figures it mentions.
 */
function narrativeFor(prompt: string): Narrative {
  const data = spendingDataIn(prompt);
  return data ? narrativeOf(data) : genericNarrative(figuresIn(prompt));
}

/** A deterministic summary; JSON when the prompt asks for JSON. */
function summaryText(prompt: string, narrative: Narrative, malformed: boolean): string {
  const summary = summaryOf(narrative);
  if (malformed) return `Here is the JSON you asked for: {"summary": "${summary.slice(0, 40)}`;
  if (!/json/i.test(prompt)) return summary;
  return JSON.stringify({
    summary,
    highlights: narrative.highlights.slice(0, 5),
    figures: figuresIn(prompt),
  });
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
  const narrative = narrativeFor(prompt);
  if (tool) {
    const source = {
      random,
      figures: figuresIn(prompt),
      topics: topicsIn(prompt),
      dates: datesIn(prompt),
      narrative,
    };
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
  const { text, truncated } = limited(summaryText(prompt, narrative, malformed), conversation.maxTokens);
  const stopReason = truncated ? 'max_tokens' : 'end_turn';
  return { kind: 'text', text, stopReason, inputTokens, outputTokens: estimateTokens(text), seed: digest };
}
