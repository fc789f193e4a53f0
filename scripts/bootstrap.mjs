#!/usr/bin/env node
/**
 * What `npm start` / `npm test` (and `pnpm start` / `pnpm test`) run first: `node scripts/bootstrap.mjs <node args>`.
 *
 * 1. Needs only Node.js 20.19+ on the machine (plain JavaScript, no dependencies).
 * 2. When the installed dependencies do not match pnpm-lock.yaml (a fresh clone, a pull that changed the lockfile),
 *    runs `pnpm install --frozen-lockfile` with the pnpm of `packageManager` — the one running this script, a
 *    pnpm 10 on the PATH, or else fetched by `npm exec` (nothing is installed globally).
 * 3. Runs `node <node args>` on the project's Node.js (the `node` devDependency, the functions' Lambda runtime
 *    nodejs24.x), whatever Node.js the machine has, so functions, tools and tests meet the runtime they meet on AWS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stderr.write(`spendwise: ${line}\n`);

function requireHostNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 20 || (major === 20 && minor >= 19)) return;
  say(
    `Node.js 20.19 or newer is needed to set up (this is ${process.version}): install a current Node.js and run the command again.`,
  );
  process.exit(1);
}

/** The project's Node.js binary (the `node` package puts the platform's binary at the path of its `bin`). */
function projectNode() {
  const manifest = join(root, 'node_modules', 'node', 'package.json');
  if (!existsSync(manifest)) return undefined;
  const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin?.node ?? 'bin/node';
  const path = join(dirname(manifest), bin);
  return existsSync(path) ? path : undefined;
}

/** True when node_modules was installed from exactly this pnpm-lock.yaml and holds the project's Node.js. */
function installed() {
  const lockfile = join(root, 'pnpm-lock.yaml');
  const installedLockfile = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  if (!existsSync(installedLockfile) || !projectNode()) return false;
  return readFileSync(installedLockfile, 'utf8') === readFileSync(lockfile, 'utf8');
}

/** How to run pnpm here: [command, ...leading args]. */
function pnpmCommand(version) {
  const userAgent = process.env.npm_config_user_agent ?? '';
  if (userAgent.startsWith('pnpm/') && process.env.npm_execpath) {
    return [process.execPath, process.env.npm_execpath];
  }
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (onPath.status === 0 && onPath.stdout.trim().startsWith(`${version.split('.')[0]}.`)) return ['pnpm'];
  return ['npm', 'exec', '--yes', `--package=pnpm@${version}`, '--', 'pnpm'];
}

function install() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = /^pnpm@([^+]+)/.exec(manifest.packageManager ?? '')?.[1] ?? '10';
  const [command, ...args] = pnpmCommand(version);
  say(`installing the dependencies of pnpm-lock.yaml (pnpm ${version} install --frozen-lockfile)…`);
  const result = spawnSync(command, [...args, 'install', '--frozen-lockfile'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status === 0 && installed()) return;
  say(
    result.error
      ? `could not run ${command} (${result.error.message}): install pnpm 10 (npm install --global pnpm@10) and run the command again.`
      : 'the install did not finish (see above); fix what it reports and run the command again.',
  );
  process.exit(result.status || 1);
}

/** Runs the project's Node.js with `args`; exits as it exits. Ctrl-C reaches it directly (same process group). */
function run(args) {
  const node = projectNode() ?? process.execPath;
  const child = spawn(node, args, { cwd: process.cwd(), stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  const forwarded = { SIGTERM: forward('SIGTERM'), SIGHUP: forward('SIGHUP'), SIGINT: () => {} };
  for (const [signal, handler] of Object.entries(forwarded)) process.on(signal, handler);
  child.once('error', (error) => {
    say(`could not run ${node}: ${error.message}`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    for (const [name, handler] of Object.entries(forwarded)) process.removeListener(name, handler);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

requireHostNode();
if (!installed()) install();
run(process.argv.slice(2));
