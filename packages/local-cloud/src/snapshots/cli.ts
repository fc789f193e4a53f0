import { table } from '../cli/table';
import type { RestoreResult, SnapshotManifest, SnapshotSummary } from './snapshots';

type Control = <T>(method: string, path: string, body?: unknown) => Promise<T>;
type Options = Record<string, string | boolean | string[] | undefined>;

export const SNAPSHOT_USAGE =
  'usage: snapshot create [--name n] | snapshot ls | snapshot restore <name> [--suffix s] [--table t ...]';

/**
 * `spendwise-local snapshot …` against the running local cloud's control API: create, ls, restore
 * (docs/local-cloud.md#snapshots).
 */
export async function snapshotCommand(
  [sub, name]: string[],
  options: Options,
  control: Control,
  print: (text: string) => void,
): Promise<number> {
  if (sub === 'create') {
    const manifest = await control<SnapshotManifest>(
      'POST',
      'snapshots',
      options.name ? { name: String(options.name) } : {},
    );
    print(table(manifest.tables as never, ['tableName', 'itemCount']));
    print(
      `snapshot ${manifest.name}: ${manifest.tables.length} table(s)${
        manifest.s3Files === undefined
          ? ', no local S3 folder (receipts skipped)'
          : `, ${manifest.s3Files} S3 file(s)`
      } in ${manifest.durationMs} ms`,
    );
    return 0;
  }
  if (sub === 'ls' || sub === 'list') {
    const { snapshots } = await control<{ snapshots: SnapshotSummary[] }>('GET', 'snapshots');
    print(table(snapshots as never, ['name', 'createdAt', 'tables', 'items', 's3Files']));
    return 0;
  }
  if (sub === 'restore' && name) {
    const tables = options.table as string[] | undefined;
    const result = await control<RestoreResult>('POST', `snapshots/${encodeURIComponent(name)}/restore`, {
      ...(options.suffix ? { suffix: String(options.suffix) } : {}),
      ...(tables?.length ? { tables } : {}),
    });
    print(table(result.tables as never, ['source', 'tableName', 'items']));
    print(
      `restored ${result.tables.length} table(s) from ${name} in ${result.durationMs} ms; not restored (as on AWS): ${result.notRestored.join(', ')} — docs/runbooks/restore-table.md`,
    );
    return 0;
  }
  throw new Error(SNAPSHOT_USAGE);
}
