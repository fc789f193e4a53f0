/** Formats rows as an aligned plain-text table (the CLI's listings). */
export function table(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return '(none)';
  const names = columns ?? Object.keys(rows[0] as object);
  const cells = rows.map((row) => names.map((name) => formatCell(row[name])));
  const widths = names.map((name, i) => Math.max(name.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(names), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function formatCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
