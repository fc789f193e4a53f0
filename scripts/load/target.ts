import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SERVICES, type ServiceName } from '@spendwise/client';

/** Where the load goes and how it gets its users' tokens. */
export interface Target {
  /** The base URL of each service's API. */
  apis: Record<ServiceName, string>;
  /** The local cloud's AWS endpoint (control API, bus tap), when the target is the local cloud. */
  local?: { awsEndpoint: string };
  /** A bearer token for user number `index`. */
  token: (index: number, runId: string) => Promise<string>;
}

/**
 * `local`: the running local cloud of `dataDir` (its endpoints.json), tokens minted by its issuer as
 * `spendwise-local token` does. Otherwise one base URL for every service (`https://app.example.com/api`) or
 * `service=url` pairs; tokens from `tokenCommand` (run once per user, SPENDWISE_LOAD_USER set, the token on
 * stdout) or from SPENDWISE_LOAD_TOKENS (comma-separated, one per user).
 */
export async function resolveTarget(options: {
  target: string;
  dataDir: string;
  tokenCommand?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<Target> {
  const env = options.env ?? process.env;
  if (options.target === 'local') {
    const path = join(options.dataDir, 'endpoints.json');
    let endpoints: { awsEndpoint: string; apis: Record<string, string> };
    try {
      endpoints = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      throw new Error(`No local cloud is running here (no ${path}). Start it with: pnpm start`);
    }
    const apis = pickApis(endpoints.apis);
    const { awsEndpoint } = endpoints;
    return {
      apis,
      local: { awsEndpoint },
      token: async (index, runId) => {
        const response = await fetch(`${awsEndpoint}/_local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: `load-${runId}-${index}` }),
        });
        if (!response.ok)
          throw new Error(`The local issuer refused a token: ${response.status} ${await response.text()}`);
        return ((await response.json()) as { token: string }).token;
      },
    };
  }
  const apis = options.target.includes('=')
    ? pickApis(
        Object.fromEntries(options.target.split(',').map((pair) => pair.split('=', 2) as [string, string])),
      )
    : (Object.fromEntries(SERVICES.map((service) => [service, options.target])) as Record<
        ServiceName,
        string
      >);
  return { apis, token: remoteTokens(options.tokenCommand, env) };
}

function pickApis(apis: Record<string, string>): Record<ServiceName, string> {
  const missing = (['expenses', 'catalog', 'insights'] as const).filter((service) => !apis[service]);
  if (missing.length > 0) throw new Error(`No API base URL for ${missing.join(', ')}: is it deployed?`);
  return Object.fromEntries(
    SERVICES.map((service) => [service, (apis[service] ?? '').replace(/\/$/, '')]),
  ) as Record<ServiceName, string>;
}

function remoteTokens(tokenCommand: string | undefined, env: NodeJS.ProcessEnv) {
  if (tokenCommand) {
    return async (index: number) => {
      const { stdout } = await promisify(execFile)('/bin/sh', ['-c', tokenCommand], {
        env: { ...env, SPENDWISE_LOAD_USER: String(index) },
      });
      return stdout.trim();
    };
  }
  const tokens = (env.SPENDWISE_LOAD_TOKENS ?? '').split(',').filter(Boolean);
  return async (index: number) => {
    const token = tokens[index];
    if (!token)
      throw new Error(
        `No token for user ${index}: pass --token-command "<cmd>" or SPENDWISE_LOAD_TOKENS with one token per user`,
      );
    return token;
  };
}
