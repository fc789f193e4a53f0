/** Amazon States Language documents as the local engine reads them: loosely typed, walked recursively. */

export type AslState = { Type: string; [field: string]: unknown };

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  [field: string]: unknown;
}

/** Thrown when a definition is not valid ASL (the deployment fails, as CloudFormation's would). */
export class InvalidDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDefinitionError';
  }
}

/**
 * Replaces `${name}` placeholders as CloudFormation's `DefinitionSubstitutions` does (plain text replacement in
 * the definition string). Unknown placeholders are left as they are.
 * @example substitute('{"Resource":"${Fn}"}', { Fn: 'arn:…' })
 */
export function substitute(text: string, substitutions: Record<string, unknown> = {}): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, key: string) =>
    Object.hasOwn(substitutions, key) ? String(substitutions[key]) : whole,
  );
}

/** Reads `DefinitionString` (string) or `Definition` (object) and applies `DefinitionSubstitutions`. */
export function definitionFromProperties(properties: Record<string, unknown>): AslDefinition {
  const raw = properties.DefinitionString ?? properties.Definition;
  if (raw === undefined) throw new InvalidDefinitionError('Definition or DefinitionString is required');
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const substituted = substitute(text, properties.DefinitionSubstitutions as Record<string, unknown>);
  return parseDefinition(substituted);
}

/** Parses a definition string, failing with InvalidDefinitionError. */
export function parseDefinition(text: string): AslDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidDefinitionError(`Definition is not JSON: ${(error as Error).message}`);
  }
  const definition = parsed as Partial<AslDefinition>;
  if (typeof definition?.StartAt !== 'string' || typeof definition.States !== 'object') {
    throw new InvalidDefinitionError('Definition needs StartAt and States');
  }
  return definition as AslDefinition;
}

/** The nested state machines of a Parallel (Branches) or Map (ItemProcessor / Iterator) state. */
function childDefinitions(state: AslState): AslDefinition[] {
  if (state.Type === 'Parallel') return (state.Branches as AslDefinition[] | undefined) ?? [];
  if (state.Type === 'Map') {
    const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
    return processor ? [processor] : [];
  }
  return [];
}

/** Visits every state, including those inside Parallel branches and Map processors. */
export function forEachState(
  definition: AslDefinition,
  visit: (name: string, state: AslState) => void,
): void {
  for (const [name, state] of Object.entries(definition.States)) {
    visit(name, state);
    for (const child of childDefinitions(state)) forEachState(child, visit);
  }
}

/** Longest delay Node's setTimeout honours; longer ones fire at once, so runner timeouts are clamped to it. */
export const MAX_TIMER_SECONDS = Math.floor(2_147_483_647 / 1000);

/**
 * The copy the runner executes: Wait `Seconds` and Retry `IntervalSeconds` / `MaxDelaySeconds` multiplied by
 * `factor`, so local runs do not sit through production back-offs (backoff rates and jitter keep their shape);
 * and timeouts clamped to what a timer can hold. A Task without `TimeoutSeconds` gets the longest one, because
 * Step Functions has no default task timeout while the library would otherwise apply 60 seconds.
 */
export function prepareForRunner(definition: AslDefinition, factor: number): AslDefinition {
  const copy = structuredClone(definition);
  if (copy.TimeoutSeconds !== undefined)
    copy.TimeoutSeconds = Math.min(copy.TimeoutSeconds, MAX_TIMER_SECONDS);
  forEachState(copy, (_name, state) => {
    if (state.Type === 'Task')
      state.TimeoutSeconds = Math.min(Number(state.TimeoutSeconds ?? MAX_TIMER_SECONDS), MAX_TIMER_SECONDS);
    if (state.Type === 'Wait' && typeof state.Seconds === 'number') state.Seconds *= factor;
    for (const retrier of (state.Retry as Record<string, unknown>[] | undefined) ?? []) {
      retrier.IntervalSeconds = ((retrier.IntervalSeconds as number | undefined) ?? 1) * factor;
      if (typeof retrier.MaxDelaySeconds === 'number') retrier.MaxDelaySeconds *= factor;
    }
  });
  return copy;
}
