/**
 * `pnpm ops:outbox-redrive --service <s> --stage <st> [--older-than <minutes>] [--dry-run] [--endpoint <url>]
 * [--region <r>]`: republishes stuck outbox records with their original event ids (docs/adr/0007).
 */
import { runOutboxRedrive } from '../../packages/outbox/src/cli/redriveCli';

process.exitCode = await runOutboxRedrive(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
});
