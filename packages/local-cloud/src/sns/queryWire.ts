import { randomUUID } from 'node:crypto';
import type { MessageAttributeValue } from '../core/ports';
import type { AwsResponse } from '../core/protocol';
import { invalidParameter } from './errors';

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** Escapes text for an XML element body. */
export const xmlEscape = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

/** `<Name>value</Name>`, escaped. */
export const el = (name: string, value: string | number | boolean) =>
  `<${name}>${xmlEscape(String(value))}</${name}>`;

/** A complete query-protocol answer: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`. */
export function xmlAnswer(action: string, result?: string): AwsResponse {
  const inner = result === undefined ? '' : `<${action}Result>${result}</${action}Result>`;
  const body =
    `<${action}Response xmlns="${SNS_XMLNS}">${inner}` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

/** `<entry><key>…</key><value>…</value></entry>` for each attribute. */
export const xmlAttributes = (attributes: Record<string, string>) =>
  `<Attributes>${Object.entries(attributes)
    .map(([key, value]) => `<entry>${el('key', key)}${el('value', value)}</entry>`)
    .join('')}</Attributes>`;

/** The fields under `<prefix>.<n>.` for n = 1, 2, … as maps of the rest of the key, in order. */
export function indexed(form: URLSearchParams, prefix: string): Map<string, string>[] {
  const groups = new Map<number, Map<string, string>>();
  for (const [key, value] of form) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const rest = key.slice(prefix.length + 1);
    const dot = rest.indexOf('.');
    const index = Number(rest.slice(0, dot));
    if (dot < 0 || !Number.isInteger(index)) continue;
    if (!groups.has(index)) groups.set(index, new Map());
    groups.get(index)?.set(rest.slice(dot + 1), value);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, fields]) => fields);
}

/** A form (or a batch entry's fields) as a plain lookup. */
export type Fields = { get(name: string): string | null | undefined };

/** `Attributes.entry.N.key/value` as a record. */
export const attributeMap = (form: URLSearchParams, prefix = 'Attributes') =>
  Object.fromEntries(indexed(form, `${prefix}.entry`).map((f) => [f.get('key') ?? '', f.get('value') ?? '']));

/** `Tags.member.N.Key/Value` as a record. */
export const tagMap = (form: URLSearchParams) =>
  Object.fromEntries(indexed(form, 'Tags.member').map((f) => [f.get('Key') ?? '', f.get('Value') ?? '']));

/** `MessageAttributes.entry.N.Name` + `.Value.DataType/StringValue/BinaryValue`. */
export function messageAttributes(form: URLSearchParams): Record<string, MessageAttributeValue> {
  const result: Record<string, MessageAttributeValue> = {};
  for (const fields of indexed(form, 'MessageAttributes.entry')) {
    const name = fields.get('Name');
    const dataType = fields.get('Value.DataType');
    if (!name || !dataType)
      throw invalidParameter('MessageAttributes: every attribute needs a Name and a DataType');
    const stringValue = fields.get('Value.StringValue');
    const binaryValue = fields.get('Value.BinaryValue');
    result[name] = {
      DataType: dataType,
      ...(stringValue !== undefined ? { StringValue: stringValue } : {}),
      ...(binaryValue !== undefined ? { BinaryValue: binaryValue } : {}),
    };
  }
  return result;
}

/** A required parameter, or `InvalidParameter` naming it. */
export function required(form: Fields, name: string): string {
  const value = form.get(name);
  if (value === null || value === undefined || value === '')
    throw invalidParameter(`${name} Reason: cannot be empty`);
  return value;
}

/** Pages of `size`; the token is the index of the first item of the next page. */
export function page<T>(items: T[], token: string | null, size: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken');
  const next = start + size < items.length ? String(start + size) : undefined;
  return { items: items.slice(start, start + size), ...(next ? { next } : {}) };
}
