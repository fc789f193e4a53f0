import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCompose } from '../../packages/packager/src/compose';
import { packageServices } from '../../packages/packager/src/packageServices';
import { consoleProgress } from '../../packages/packager/src/progress';
import { type CfnTemplate, loadTemplate } from '../../packages/packager/src/template';
import { artifactDigests } from './artifacts';
import { commitOf, exportTree } from './git';
import type { ArtifactDigests } from './templateDiff';

/** A service packaged at one commit: its template, its artifacts' digests, and where it deploys. */
export interface PackagedService {
  template: CfnTemplate;
  digests: ArtifactDigests;
  templatePath: string;
  /** osls `service:` (the stack is `<serviceName>-<stage>`). */
  serviceName: string;
  region: string;
}

export interface PackageAtOptions {
  /** The repository; its checked-out tree is used when `commit` is its HEAD. */
  rootDir: string;
  commit: string;
  /** A scratch directory for other commits' trees (removed by the caller). */
  work: string;
  stage: string;
  region: string;
  /** Services to package; those missing at that commit are left out of the result. */
  names: string[];
}

/**
 * Packages services as they are at a commit, offline, with the repository's own packager. HEAD is packaged
 * in place (cached packages reused); any other commit is exported with `git archive` into `work` and its
 * dependencies installed from the pnpm store (`--offline`, falling back to `--prefer-offline`).
 */
export async function packageAt(options: PackageAtOptions): Promise<Map<string, PackagedService>> {
  let root = options.rootDir;
  if (commitOf(options.rootDir, 'HEAD') === options.commit) {
    if (!existsSync(join(root, 'node_modules'))) install(root);
  } else {
    root = join(options.work, options.commit.slice(0, 12));
    await mkdir(root, { recursive: true });
    exportTree(options.rootDir, options.commit, root);
    install(root);
  }
  const present = new Set((await readCompose(root)).map((s) => s.name));
  const names = options.names.filter((name) => present.has(name));
  const result = new Map<string, PackagedService>();
  if (names.length === 0) return result;
  const packaged = await packageServices({
    rootDir: root,
    stage: options.stage,
    region: options.region,
    services: names,
    onProgress: consoleProgress,
  });
  for (const service of packaged) {
    const state = JSON.parse(
      await readFile(join(service.dir, '.serverless', 'serverless-state.json'), 'utf8'),
    ) as {
      service: { service: string; provider: { region: string } };
    };
    result.set(service.name, {
      template: await loadTemplate(service.dir),
      digests: await artifactDigests(service.dir),
      templatePath: service.templatePath,
      serviceName: state.service.service,
      region: state.service.provider.region,
    });
  }
  return result;
}

function install(root: string): void {
  // --ignore-scripts: packaging needs no install script (the `node` package's would download a binary).
  const base = ['install', '--frozen-lockfile', '--ignore-scripts', '--reporter=silent'];
  for (const mode of ['--offline', '--prefer-offline']) {
    const run = spawnSync('pnpm', [...base, mode], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    if (run.status === 0) return;
    if (mode === '--prefer-offline') {
      throw new Error(`pnpm install in ${root} failed: ${run.stderr || run.stdout}`);
    }
  }
}
