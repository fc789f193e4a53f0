import { build, type Histogram } from 'hdr-histogram-js';

/** What one route saw: latencies of its ok answers and of its errors (from the due time), errors by status and code. */
export class RouteStats {
  readonly latency: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000,
    numberOfSignificantValueDigits: 3,
  });
  answered = 0;
  ok = 0;
  /** `<status> <code>`, e.g. `503 Service Unavailable` or `409 IDEMPOTENCY_KEY_REUSED`; `network …` when none. */
  readonly errors = new Map<string, number>();

  /** Latencies of the error answers (a throttle's 500 is immediate: mixed in, it would flatter the figures). */
  readonly errorLatency: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000,
    numberOfSignificantValueDigits: 3,
  });

  record(latencyMs: number, status: number | undefined, code?: string): void {
    const value = Math.max(1, Math.round(latencyMs));
    if (status !== undefined) this.answered += 1;
    if (status !== undefined && status < 400) {
      this.latency.recordValue(value);
      this.ok += 1;
      return;
    }
    this.errorLatency.recordValue(value);
    const key = status === undefined ? `network ${code ?? 'error'}` : `${status} ${code ?? ''}`.trim();
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }
}

/** The code of an error answer: a problem document's `code`, API Gateway's `message`, or nothing. */
export function errorCodeOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof parsed.code === 'string') return parsed.code;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: no code to report.
  }
  return undefined;
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

/** The figures as a table: per route, sent, answered, ok, p50/p95/p99/max (ms), then errors by status and code. */
export function formatStats(
  routes: Map<string, RouteStats & { sent: number }>,
  run: { rate: number; durationSeconds: number; sendSeconds: number; lastAnswerSeconds: number },
): string {
  const lines: string[] = [];
  const sent = [...routes.values()].reduce((sum, route) => sum + route.sent, 0);
  const answered = [...routes.values()].reduce((sum, route) => sum + route.answered, 0);
  const ok = [...routes.values()].reduce((sum, route) => sum + route.ok, 0);
  lines.push(
    `offered ${run.rate.toFixed(1)} req/s for ${run.durationSeconds} s: sent ${sent} in ${run.sendSeconds.toFixed(1)} s ` +
      `(${(sent / run.sendSeconds).toFixed(1)}/s); answered ${answered} by ${run.lastAnswerSeconds.toFixed(1)} s ` +
      `(${(answered / run.lastAnswerSeconds).toFixed(1)}/s), ${ok} ok (${(ok / run.lastAnswerSeconds).toFixed(1)}/s)`,
  );
  lines.push(
    `${'route'.padEnd(28)}${pad('sent', 7)}${pad('ok', 7)}${pad('p50', 8)}${pad('p95', 8)}${pad('p99', 8)}${pad('max', 8)}${pad('err p50', 9)}  (ms from the due time; p50…max of ok answers)`,
  );
  for (const [route, stats] of routes) {
    if (stats.sent === 0) continue;
    const p = (q: number) => stats.latency.getValueAtPercentile(q);
    lines.push(
      `${route.padEnd(28)}${pad(stats.sent, 7)}${pad(stats.ok, 7)}${pad(p(50), 8)}${pad(p(95), 8)}${pad(p(99), 8)}${pad(stats.latency.maxValue, 8)}${pad(stats.errorLatency.getValueAtPercentile(50), 9)}`,
    );
  }
  const errors = [...routes].flatMap(([route, stats]) =>
    [...stats.errors].map(([key, count]) => `  ${route}: ${key} × ${count}`),
  );
  lines.push(errors.length > 0 ? `errors:\n${errors.join('\n')}` : 'errors: none');
  return lines.join('\n');
}
