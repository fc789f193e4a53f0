/** Small Markdown helpers for generated documents: tables, code spans and heading anchors. */

/** Free text: `<` escaped, so `<EventName>` shows as written instead of as an HTML tag. */
export function text(value: string): string {
  return value.replaceAll('<', '&lt;');
}

/** A table cell of free text: pipes escaped, line breaks folded, so any text stays inside its cell. */
export function cell(value: string): string {
  return text(value)
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

/** A code span that survives backticks in `text`. */
export function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  const pad = fence === '``' ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A Markdown table; `rows` hold cells already formatted (use `cell` for free text). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');
}

const INLINE_WIDTH = 72;

/**
 * JSON indented by two spaces, except that arrays and objects holding only scalars stay on one line when short:
 * `"thresholds": [80, 100]` reads better than four lines.
 */
export function prettyJson(value: unknown, indent = ''): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((item) => [undefined, item])
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;
  const key = (name: string | undefined) => (name === undefined ? '' : `${JSON.stringify(name)}: `);
  const scalarsOnly = entries.every(([, item]) => typeof item !== 'object' || item === null);
  if (scalarsOnly) {
    const inline = entries.map(([name, item]) => `${key(name)}${JSON.stringify(item)}`).join(', ');
    const padded = Array.isArray(value) ? inline : ` ${inline} `;
    if (indent.length + padded.length + 2 <= INLINE_WIDTH) return `${open}${padded}${close}`;
  }
  const inner = `${indent}  `;
  const lines = entries.map(([name, item]) => `${inner}${key(name)}${prettyJson(item, inner)}`);
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}
