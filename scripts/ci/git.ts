import { execFileSync, spawnSync } from 'node:child_process';

/** Runs git in `cwd` and returns its trimmed stdout; throws with git's stderr on failure. */
export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The commit a revision names, or undefined when it names none (unknown, or a shallow clone lacks it). */
export function commitOf(cwd: string, rev: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
    cwd,
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** GitHub's `before` and GitLab's `CI_COMMIT_BEFORE_SHA` are forty zeros for a new branch. */
const NULL_COMMIT = /^0+$/;

/**
 * The base of a range when none is given: the merge base with main (origin/main first, then main), or the
 * previous commit when HEAD is on main already. Undefined when there is no such commit (a first commit).
 */
export function defaultBase(cwd: string, head: string): string | undefined {
  const headCommit = commitOf(cwd, head);
  for (const main of ['origin/main', 'main']) {
    if (!commitOf(cwd, main)) continue;
    const result = spawnSync('git', ['merge-base', main, head], { cwd, encoding: 'utf8' });
    const mergeBase = result.status === 0 ? result.stdout.trim() : undefined;
    if (mergeBase && mergeBase !== headCommit) return mergeBase;
    break;
  }
  return commitOf(cwd, `${head}~1`);
}

/** Resolves a given base (a revision, a null commit or nothing) to a commit, or undefined for "no base". */
export function resolveBase(cwd: string, base: string | undefined, head: string): string | undefined {
  if (base === undefined || base === '' || NULL_COMMIT.test(base)) return defaultBase(cwd, head);
  const commit = commitOf(cwd, base);
  if (!commit)
    throw new Error(`base "${base}" is not a commit of this clone (fetch full history: fetch-depth 0)`);
  return commit;
}

/** Files that differ between two commits, renames as a deletion plus an addition. */
export function changedFiles(cwd: string, base: string, head: string): string[] {
  const out = git(cwd, ['diff', '--name-only', '--no-renames', base, head]);
  return out === '' ? [] : out.split('\n');
}

/** Every file of a commit (for a plan with no base: everything is new). */
export function allFiles(cwd: string, head: string): string[] {
  const out = git(cwd, ['ls-tree', '-r', '--name-only', head]);
  return out === '' ? [] : out.split('\n');
}

/** A file's text at a commit, or undefined when it does not exist there. */
export function fileAt(cwd: string, commit: string, path: string): string | undefined {
  const result = spawnSync('git', ['show', `${commit}:${path}`], { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

/**
 * Writes a commit's tree into `dir` (git archive | tar): no worktree is registered, nothing is shared with
 * the repository's other checkouts.
 */
export function exportTree(cwd: string, commit: string, dir: string): void {
  const archive = spawnSync('git', ['archive', '--format=tar', commit], {
    cwd,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (archive.status !== 0) throw new Error(`git archive ${commit} failed: ${archive.stderr.toString()}`);
  const tar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (tar.status !== 0) throw new Error(`tar into ${dir} failed: ${tar.stderr.toString()}`);
}
