/**
 * The restore rehearsal's timings (`pnpm bench:restore`). Prints figures only; the rehearsal's correctness is
 * asserted by tests/e2e/restore.int.test.ts, which runs the same steps.
 *
 * BENCH_BEFORE expenses (default 200) are recorded before the snapshot and BENCH_AFTER (default 50) after it; then
 * the expenses table is restored from the snapshot and the runbook runs. Each step is timed, the local cloud's
 * start and restart included.
 */
import { runRestoreRehearsal } from '../scripts/rehearsal/restoreRehearsal';

const before = Number(process.env.BENCH_BEFORE ?? 200);
const after = Number(process.env.BENCH_AFTER ?? 50);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  say(`Restore rehearsal: ${before} expenses before the snapshot, ${after} after it`);
  const started = performance.now();
  const outcome = await runRestoreRehearsal({
    before,
    after,
    log: process.env.BENCH_VERBOSE ? say : undefined,
  });
  say('');
  say(`| step | ms |`);
  say(`| ---- | -: |`);
  for (const { step, ms } of outcome.timings) say(`| ${step} | ${ms} |`);
  say(`| total | ${Math.round(performance.now() - started)} |`);
  say('');
  say(
    `restored ${outcome.afterRestore.length} expenses (of ${outcome.beforeRestore.length} before the restore); ` +
      `${outcome.events.length} Expense* events on the bus`,
  );
  for (const line of outcome.lines.filter((l) => /record\(s\) found|^\s*insights:/.test(l))) say(line.trim());
}

await main();
