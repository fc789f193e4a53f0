import type { CfnResource, CfnTemplate } from '../template';

/** Everything a rule needs: the template, whose it is, and a way to report. */
export interface RuleContext {
  template: CfnTemplate;
  service: string;
  /** The stage the template was packaged for; rules that match names by convention use it when known. */
  stage?: string;
}

export type Properties = Record<string, unknown>;

/** Resources of one type as `[logicalId, properties]` pairs. */
export function resources(template: CfnTemplate, type: string): [string, Properties][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties ?? {}]);
}

/** The resource a logical id names, if the template has it. */
export function resource(template: CfnTemplate, id: string | undefined): CfnResource | undefined {
  return id === undefined ? undefined : template.Resources[id];
}

/** `{ Fn::GetAtt: [id, attr] }` (or its `"id.attr"` form) → `{ id, attr }`. */
export function getAtt(value: unknown): { id: string; attr: string } | undefined {
  if (!isRecord(value)) return undefined;
  const raw = value['Fn::GetAtt'];
  if (Array.isArray(raw) && typeof raw[0] === 'string' && typeof raw[1] === 'string') {
    return { id: raw[0], attr: raw[1] };
  }
  if (typeof raw === 'string' && raw.includes('.')) {
    const dot = raw.indexOf('.');
    return { id: raw.slice(0, dot), attr: raw.slice(dot + 1) };
  }
  return undefined;
}

/** The logical id a `Ref` or `Fn::GetAtt` points at (pseudo parameters excluded). */
export function refTarget(value: unknown): string | undefined {
  if (isRecord(value) && typeof value.Ref === 'string' && !value.Ref.startsWith('AWS::')) return value.Ref;
  return getAtt(value)?.id;
}

/**
 * Renders a string-valued intrinsic to text, keeping pseudo parameters and references as `${Name}`:
 * `{ Fn::Join: ['', ['arn:', { Ref: 'AWS::Partition' }]] }` → `arn:${AWS::Partition}`. Undefined when the
 * value is built from something that cannot be rendered (`Fn::ImportValue`, `Fn::If`, …).
 */
export function renderString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!isRecord(value)) return undefined;
  if (typeof value.Ref === 'string') return `\${${value.Ref}}`;
  const att = getAtt(value);
  if (att) return `\${${att.id}.${att.attr}}`;
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return renderSub(sub[0], sub[1]);
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map(renderString);
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

function renderSub(text: string, variables: unknown): string | undefined {
  if (!isRecord(variables)) return text;
  let rendered: string | undefined = text;
  for (const [name, raw] of Object.entries(variables)) {
    const replacement = renderString(raw);
    if (replacement === undefined) return undefined;
    rendered = rendered.split(`\${${name}}`).join(replacement);
  }
  return rendered;
}

/** A value as a list: absent → `[]`, one value → `[value]`. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A number from a number or numeric string (templates carry both). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** A JSON-typed property that may have been written as a JSON string (`RedrivePolicy`). */
export function asObject(value: unknown): Properties | undefined {
  if (isRecord(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function isRecord(value: unknown): value is Properties {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `a.b.c` from nested objects. */
export function path(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A property value as it reads in a message. */
export function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

/** Text made safe to embed in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
