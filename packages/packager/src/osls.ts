import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where an osls CLI lives and which version it is. */
export interface OslsInstallation {
  /** Absolute path of `bin/serverless.js`, run with the current Node. */
  bin: string;
  version: string;
}

/**
 * Finds the osls a service uses: its own dependency first (services pin osls in their package.json), then
 * the one this package depends on.
 */
export function resolveOsls(serviceDir: string): OslsInstallation {
  const candidates = [join(serviceDir, 'package.json'), fileURLToPath(import.meta.url)];
  for (const from of candidates) {
    try {
      const manifestPath = createRequire(from).resolve('osls/package.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        version: string;
        bin: Record<string, string>;
      };
      const binEntry = manifest.bin.osls ?? manifest.bin.serverless;
      if (!binEntry) continue;
      return { bin: join(dirname(manifestPath), binEntry), version: manifest.version };
    } catch {
      // not resolvable from here: try the next place
    }
  }
  throw new Error(`Cannot find osls for ${serviceDir}: add "osls" to the service's devDependencies`);
}

/** Variables that would let osls (or the AWS SDK inside it) find credentials or reach AWS. */
const CREDENTIAL_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_SDK_LOAD_CONFIG',
];

/**
 * The environment osls packages in: no AWS credentials or profiles (so a template that needs a live account —
 * `${ssm:…}`, `${cf:…}`, `${aws:accountId}` — fails here exactly as it would in CI), no instance metadata
 * look-ups, and no telemetry, notifications or update checks.
 */
export function offlineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  const nowhere = join('/nonexistent', 'spendwise-packager');
  return {
    ...env,
    AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
    AWS_CONFIG_FILE: join(nowhere, 'config'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // osls 4 has no telemetry, notifications or self-update; these keep Serverless v3 (and any plugin
    // reading them) quiet too, at no cost.
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DISABLE_AUTO_UPDATE: '1',
    FORCE_COLOR: '0',
  };
}

export interface RunResult {
  exitCode: number | null;
  /** stdout and stderr as they arrived. */
  output: string;
}

/** osls prints this block (then "Error:") from its error handler, just before it should exit. */
const OSLS_ERROR_BANNER = /^Environment: .*osls \d/m;

/**
 * How long osls may linger after printing its error banner. serverless-esbuild leaves esbuild's service
 * running when a build fails, which keeps osls alive for ever; past this grace period it is stopped.
 */
export const ERROR_EXIT_GRACE_MS = 5_000;

/** Runs the osls CLI with `args` in `cwd` and collects its output; never rejects on a non-zero exit. */
export function runOsls(
  osls: OslsInstallation,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; errorGraceMs?: number },
): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const errorGraceMs = options.errorGraceMs ?? ERROR_EXIT_GRACE_MS;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [osls.bin, ...args], {
      cwd: options.cwd,
      env: options.env ?? offlineEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stopReason: string | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    const stop = (reason: string) => {
      if (stopReason) return;
      stopReason = reason;
      child.kill('SIGKILL');
    };
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!graceTimer && OSLS_ERROR_BANNER.test(output)) {
        graceTimer = setTimeout(
          () => stop(`osls reported an error but had not exited ${errorGraceMs} ms later; it was stopped`),
          errorGraceMs,
        );
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(
      () => stop(`osls did not finish within ${timeoutMs} ms; it was stopped`),
      timeoutMs,
    );
    const clearTimers = () => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
    };
    child.on('error', (error) => {
      clearTimers();
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimers();
      if (stopReason) output += `\n[packager] ${stopReason}\n`;
      resolvePromise({ exitCode: stopReason ? null : exitCode, output });
    });
  });
}
