/**
 * `pnpm ops:restore-table --stage <s> --service <svc> --to <ISO time> [--dry-run]` (AWS) or
 * `--local --snapshot <name>` (the rehearsal on the local cloud): docs/runbooks/restore-table.md.
 * The read models a service's events feed are reconciled by their owner's code (insights for expenses).
 */
import { fileURLToPath } from 'node:url';
import { runRestoreTable } from '../../packages/restore-ops/src/cli';
import { expensesReconciler } from '../../services/insights/src/ops/reconcileExpenses';

process.exitCode = await runRestoreTable(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  reconciler: (service, { dynamo, stage }) =>
    service === 'expenses' ? expensesReconciler(dynamo, stage) : undefined,
});
