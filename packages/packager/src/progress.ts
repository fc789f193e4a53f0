import type { PackagingError } from './errors';

/** What the packager reports while it works; pass a listener as `onProgress`. */
export type ProgressEvent =
  | { type: 'plan'; services: string[]; concurrency: number; stage: string; region: string }
  | { type: 'start'; service: string }
  | { type: 'cached'; service: string; durationMs: number }
  | { type: 'done'; service: string; durationMs: number }
  | { type: 'failed'; service: string; durationMs: number; error: PackagingError }
  | { type: 'skipped'; service: string; reason: string };

/** One line of human-readable progress for an event. */
export function formatProgress(event: ProgressEvent): string {
  switch (event.type) {
    case 'plan':
      return (
        `packaging ${event.services.join(', ')} for stage ${event.stage} (${event.region})` +
        `${event.concurrency > 1 ? `, ${event.concurrency} at a time` : ''}`
      );
    case 'start':
      return `${event.service}: packaging…`;
    case 'cached':
      return `${event.service}: cached (unchanged sources, checked in ${seconds(event.durationMs)})`;
    case 'done':
      return `${event.service}: done in ${seconds(event.durationMs)}`;
    case 'failed':
      return `${event.service}: FAILED after ${seconds(event.durationMs)}`;
    case 'skipped':
      return `${event.service}: skipped (${event.reason})`;
  }
}

/** A listener that writes progress lines to stderr, keeping stdout for results. */
export function consoleProgress(event: ProgressEvent): void {
  process.stderr.write(`${formatProgress(event)}\n`);
}

/** Milliseconds as seconds with one decimal: `1234` → `1.2s`. */
export function seconds(durationMs: number): string {
  return `${(durationMs / 1000).toFixed(1)}s`;
}
