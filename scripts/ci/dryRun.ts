import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PackagedService, packageAt } from './packageAt';
import { diffTemplates, formatDiff, normaliseTemplate, type TemplateDiff } from './templateDiff';

export interface OfflineChangeSetOptions {
  /** The repository; its checked-out tree is used for `head` when it is its HEAD. */
  rootDir: string;
  /** Undefined: compare with empty stacks. */
  base: string | undefined;
  head: string;
  /** Compose services to describe, in deploy order. */
  names: string[];
  stage: string;
  region: string;
  /** Progress and warnings (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface ServiceChanges {
  name: string;
  diff: TemplateDiff;
  /** `base x → head y`, or `against an empty stack` for a service new at head (or no base). */
  against: string;
  text: string;
}

/**
 * The offline change set of each service: packaged at the base and at head with the repository's packager,
 * compared resource by resource. A base that cannot be packaged counts as empty stacks, with a warning.
 * Returns the packaged head too, for a real change set.
 */
export async function offlineChangeSets(
  options: OfflineChangeSetOptions,
): Promise<{ services: ServiceChanges[]; head: Map<string, PackagedService> }> {
  const log = options.log ?? (() => {});
  const short = (commit: string) => commit.slice(0, 10);
  const work = await mkdtemp(join(tmpdir(), 'spendwise-plan-'));
  try {
    const at = (commit: string) =>
      packageAt({
        rootDir: options.rootDir,
        commit,
        work,
        stage: options.stage,
        region: options.region,
        names: options.names,
      });
    log(`packaging ${options.names.join(', ')} at head ${short(options.head)} (offline)…`);
    const head = await at(options.head);
    let base: Map<string, PackagedService> | undefined;
    if (options.base) {
      log(`packaging them at base ${short(options.base)} (exported to a temporary folder)…`);
      base = await at(options.base).catch((error: unknown) => {
        log(
          `base ${short(options.base!)} could not be packaged, compared with empty stacks: ${(error as Error).message}`,
        );
        return undefined;
      });
    }
    const services = options.names.map((name) => {
      const after = head.get(name)!;
      const before = base?.get(name);
      const diff = diffTemplates(
        before ? normaliseTemplate(before.template, before.digests) : undefined,
        normaliseTemplate(after.template, after.digests),
      );
      const against = before
        ? `base ${short(options.base!)} → head ${short(options.head)}`
        : 'against an empty stack';
      return { name, diff, against, text: formatDiff(name, diff, against) };
    });
    return { services, head };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
