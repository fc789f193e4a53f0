import type { WebRuntimeConfig } from '@spendwise/client/webConfig';

/** The runtime configuration at `/config.json` (shared contract): written at deploy time, never built in. */
export type RuntimeConfig = WebRuntimeConfig;

/** Thrown when the configuration cannot be read: the app shows it instead of a blank page. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Loads `/config.json` (never cached: it changes with a deploy while the app's hashed files do not). */
export async function loadConfig(): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetch('/config.json', { cache: 'no-store' });
  } catch (error) {
    throw new ConfigError(`The app's configuration could not be loaded: ${(error as Error).message}`);
  }
  if (!response.ok) throw new ConfigError(`The app's configuration could not be loaded (${response.status})`);
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (!config.apiBase || !config.auth?.issuer || !config.auth.clientId) {
    throw new ConfigError(
      'The configuration is incomplete: apiBase, auth.issuer and auth.clientId are required',
    );
  }
  return config as RuntimeConfig;
}
