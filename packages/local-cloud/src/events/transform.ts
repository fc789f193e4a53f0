import type { BusEvent } from '../core/ports';
import { readJsonPath } from './jsonPath';
import type { InputTransformer, Target } from './model';

/** What a target input may refer to besides the event: the rule and when the event arrived. */
export interface TransformContext {
  event: BusEvent;
  ruleArn: string;
  ruleName: string;
  ingestionTime: string;
}

/**
 * The text a target receives: the constant `Input`, the value at `InputPath`, the rendered `InputTransformer`
 * template, or else the whole event. An `InputPath` that finds nothing yields `null`.
 */
export function targetInput(
  target: Pick<Target, 'Input' | 'InputPath' | 'InputTransformer'>,
  context: TransformContext,
) {
  if (target.Input !== undefined) return String(target.Input);
  if (target.InputPath !== undefined) {
    const value = readJsonPath(context.event, target.InputPath);
    return value.found ? JSON.stringify(value.value) : 'null';
  }
  if (target.InputTransformer) return renderTransformer(target.InputTransformer, context);
  return JSON.stringify(context.event);
}

type Variable = { kind: 'value'; value: unknown } | { kind: 'missing' } | { kind: 'json'; value: unknown };

/** Resolves the InputPathsMap against the event and adds the predefined `aws.events.*` variables. */
function variablesOf(transformer: InputTransformer, context: TransformContext): Map<string, Variable> {
  const variables = new Map<string, Variable>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    const read = readJsonPath(context.event, path);
    variables.set(name, read.found ? { kind: 'value', value: read.value } : { kind: 'missing' });
  }
  const { detail: _detail, ...withoutDetail } = context.event;
  variables.set('aws.events.rule-arn', { kind: 'value', value: context.ruleArn });
  variables.set('aws.events.rule-name', { kind: 'value', value: context.ruleName });
  variables.set('aws.events.event.ingestion-time', { kind: 'value', value: context.ingestionTime });
  variables.set('aws.events.event', { kind: 'json', value: withoutDetail });
  variables.set('aws.events.event.json', { kind: 'json', value: context.event });
  return variables;
}

const PLACEHOLDER = /^<([A-Za-z0-9_.-]+)>/;

/**
 * Fills `<name>` placeholders. Inside a JSON string a value is inserted as text (escaped so the result stays
 * valid JSON); outside one, as JSON (`"i-123"`, `5`, `{…}`). `<aws.events.event>` and `<aws.events.event.json>` are
 * always inserted as raw JSON. A JSON template's result is minified, as EventBridge sends it.
 */
export function renderTransformer(transformer: InputTransformer, context: TransformContext): string {
  const template = transformer.InputTemplate;
  const variables = variablesOf(transformer, context);
  const json = /^\s*[{[]/.test(template);
  const quoted = json || /^\s*"/.test(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i] as string;
    if (quoted && inString && char === '\\') {
      out += template.slice(i, i + 2);
      i++;
      continue;
    }
    if (quoted && char === '"') inString = !inString;
    const match = char === '<' ? PLACEHOLDER.exec(template.slice(i)) : null;
    const variable = match ? variables.get(match[1] as string) : undefined;
    if (!match || !variable) {
      out += char;
      continue;
    }
    out += insert(variable, { inString: quoted && inString, json });
    i += match[0].length - 1;
  }
  return json ? minify(out) : out;
}

function insert(variable: Variable, where: { inString: boolean; json: boolean }): string {
  if (variable.kind === 'json') return JSON.stringify(variable.value);
  if (variable.kind === 'missing') return where.json && !where.inString ? 'null' : '';
  const { value } = variable;
  if (!where.inString && where.json) return JSON.stringify(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return where.inString ? JSON.stringify(text).slice(1, -1) : text;
}

function minify(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
