/** What the REPORT line of one invocation shows. */
export interface ReportFields {
  requestId: string;
  durationMs: number;
  memoryMb: number;
  memoryUsedMb: number;
  /** Set on a cold start. */
  initDurationMs?: number;
  status?: 'timeout' | 'error';
  errorType?: string;
}

/** Lambda's runtime version line, printed at each cold start. */
export const initStartLine = (runtime: string) =>
  `INIT_START Runtime Version: ${runtime.replace('.x', '')}.local`;

export const startLine = (requestId: string) => `START RequestId: ${requestId} Version: $LATEST`;

export const endLine = (requestId: string) => `END RequestId: ${requestId}`;

/**
 * The REPORT line as Lambda prints it. Billed duration is rounded up to the millisecond and, as Lambda bills
 * managed-runtime cold starts since August 2025, includes the init duration.
 */
export function reportLine(fields: ReportFields): string {
  const billed = Math.ceil(fields.durationMs + (fields.initDurationMs ?? 0));
  const parts = [
    `REPORT RequestId: ${fields.requestId}`,
    `Duration: ${fields.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billed} ms`,
    `Memory Size: ${fields.memoryMb} MB`,
    `Max Memory Used: ${Math.min(fields.memoryUsedMb, fields.memoryMb)} MB`,
  ];
  if (fields.initDurationMs !== undefined)
    parts.push(`Init Duration: ${fields.initDurationMs.toFixed(2)} ms`);
  if (fields.status) parts.push(`Status: ${fields.status}`);
  if (fields.errorType && fields.status === 'error') parts.push(`Error Type: ${fields.errorType}`);
  return parts.join('\t');
}

/** The last 4 KB of an invocation's log, base64-encoded, as `x-amz-log-result` carries it. */
export function logTail(lines: string[]): string {
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}
