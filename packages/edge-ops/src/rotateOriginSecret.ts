import type { Stacks } from './ports';

/** The header CloudFront sends to the API origins (lambda-kit's originVerify checks it). */
export const ORIGIN_HEADER = 'x-origin-verify';

/** Per-function cache of the secret (lambda-kit originVerify's maxAgeSeconds) plus a margin. */
export const DEFAULT_WAIT_SECONDS = 330;

interface OriginHeader {
  HeaderName?: string;
  HeaderValue?: string;
}

interface Origin {
  Id?: string;
  CustomHeaders?: { Quantity?: number; Items?: OriginHeader[] };
}

/** The part of a CloudFront DistributionConfig the rotation touches; the rest is passed back unchanged. */
export interface DistributionConfigLike {
  Origins?: { Quantity?: number; Items?: Origin[] };
}

export interface Distributions {
  getConfig(id: string): Promise<{ config: DistributionConfigLike; etag: string }>;
  update(id: string, config: DistributionConfigLike, etag: string): Promise<void>;
  waitDeployed(id: string): Promise<void>;
}

export interface OriginSecrets {
  /** A new random value (48 letters and digits, like the template's GenerateSecretString). */
  newValue(): Promise<string>;
  /** Puts it as AWSCURRENT; Secrets Manager moves AWSPREVIOUS to the value it replaces. Returns the version id. */
  put(secretId: string, value: string): Promise<string>;
}

export interface RotateOptions {
  stage: string;
  edgeRegion: string;
  waitSeconds: number;
  dryRun: boolean;
}

export interface RotatePorts {
  stacks: Stacks;
  secrets: OriginSecrets;
  distributions: Distributions;
  sleep: (ms: number) => Promise<void>;
  out: (line: string) => void;
}

/** The ids of the origins that carry the origin header. */
export function secretOrigins(config: DistributionConfigLike): string[] {
  return (config.Origins?.Items ?? [])
    .filter((o) => (o.CustomHeaders?.Items ?? []).some((h) => h.HeaderName?.toLowerCase() === ORIGIN_HEADER))
    .map((o) => o.Id ?? '?');
}

/** The config with the origin header's value replaced on every origin that has it. */
export function withOriginSecret(config: DistributionConfigLike, value: string): DistributionConfigLike {
  const copy = structuredClone(config);
  for (const origin of copy.Origins?.Items ?? []) {
    for (const header of origin.CustomHeaders?.Items ?? []) {
      if (header.HeaderName?.toLowerCase() === ORIGIN_HEADER) header.HeaderValue = value;
    }
  }
  return copy;
}

/**
 * Rotates the origin secret without refusing a single CloudFront request:
 * 1. puts a new AWSCURRENT (the old value becomes AWSPREVIOUS, which the services still accept);
 * 2. waits until every function's cached copy has expired, so all of them know the new value;
 * 3. updates the distribution's origin headers to the new value and waits until it is deployed.
 * The stack's dynamic reference resolves to AWSCURRENT, the same value, on its next update. The value before
 * the old one is no longer accepted once step 1 is done (and function caches expire).
 */
export async function rotateOriginSecret(
  options: RotateOptions,
  ports: RotatePorts,
): Promise<{ versionId?: string }> {
  const { out } = ports;
  const stack = `spendwise-edge-${options.stage}`;
  const { outputs } = await ports.stacks.outputs(stack, options.edgeRegion);
  const distributionId = outputs.DistributionId;
  const secretName = outputs.OriginSecretName;
  if (!distributionId || !secretName) {
    throw new Error(`stack ${stack} has no DistributionId / OriginSecretName output: deploy the edge first`);
  }
  const origins = secretOrigins((await ports.distributions.getConfig(distributionId)).config);
  if (origins.length === 0)
    throw new Error(`distribution ${distributionId} sends no ${ORIGIN_HEADER} header`);
  out(`rotating ${secretName}, sent by distribution ${distributionId} to ${origins.join(', ')}`);
  if (options.dryRun) {
    out(`dry run: would put a new AWSCURRENT, wait ${options.waitSeconds} s, then update the distribution`);
    return {};
  }
  const value = await ports.secrets.newValue();
  const versionId = await ports.secrets.put(secretName, value);
  out(`1/3 new value is AWSCURRENT (version ${versionId}); the previous one stays accepted as AWSPREVIOUS`);
  out(`2/3 waiting ${options.waitSeconds} s until every function's cached copy of the secret has expired`);
  await ports.sleep(options.waitSeconds * 1000);
  const { config, etag } = await ports.distributions.getConfig(distributionId);
  await ports.distributions.update(distributionId, withOriginSecret(config, value), etag);
  out(`3/3 distribution ${distributionId} updated; waiting until it is deployed to every edge location`);
  await ports.distributions.waitDeployed(distributionId);
  out('origin secret rotated');
  return { versionId };
}
