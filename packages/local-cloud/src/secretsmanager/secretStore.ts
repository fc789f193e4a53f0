import { randomBytes, randomUUID } from 'node:crypto';
import { arnOf } from '../core/arn';
import type { LocalCloudConfig } from '../core/config';
import { AwsApiError } from '../core/errors';
import type { SecretReference, SecretStore } from '../core/ports';

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';
export const PENDING = 'AWSPENDING';

/** One version of a secret and the staging labels on it. */
export interface SecretVersion {
  versionId: string;
  secretString: string;
  stages: Set<string>;
  createdDate: Date;
}

export interface SecretRecord {
  name: string;
  arn: string;
  description?: string;
  versions: SecretVersion[];
  createdDate: Date;
  lastChangedDate: Date;
}

/** `GenerateSecretString` / GetRandomPassword options (the ones Spendwise and most templates use). */
export interface PasswordOptions {
  PasswordLength?: number;
  ExcludeCharacters?: string;
  ExcludeNumbers?: boolean;
  ExcludePunctuation?: boolean;
  ExcludeUppercase?: boolean;
  ExcludeLowercase?: boolean;
  IncludeSpace?: boolean;
}

const fail = (status: number, code: string, message: string) => new AwsApiError(status, code, message);
const notFound = (what: string) =>
  fail(400, 'ResourceNotFoundException', `Secrets Manager can't find the specified secret${what}.`);

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** A random password as Secrets Manager's GetRandomPassword makes them (default 32 characters). */
export function randomPassword(options: PasswordOptions = {}): string {
  const length = options.PasswordLength ?? 32;
  if (!Number.isInteger(length) || length < 1 || length > 4096) {
    throw fail(400, 'InvalidParameterException', 'PasswordLength must be between 1 and 4096');
  }
  const excluded = new Set(options.ExcludeCharacters ?? '');
  const alphabet = [
    options.ExcludeLowercase ? '' : LOWER,
    options.ExcludeUppercase ? '' : UPPER,
    options.ExcludeNumbers ? '' : DIGITS,
    options.ExcludePunctuation ? '' : PUNCTUATION,
    options.IncludeSpace ? ' ' : '',
  ]
    .join('')
    .split('')
    .filter((c) => !excluded.has(c));
  if (alphabet.length === 0)
    throw fail(400, 'InvalidParameterException', 'No characters left to choose from');
  let password = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 65536 - (65536 % alphabet.length);
  while (password.length < length) {
    const bytes = randomBytes(2 * (length - password.length) + 8);
    for (let i = 0; i + 1 < bytes.length && password.length < length; i += 2) {
      const value = bytes.readUInt16BE(i);
      if (value < limit) password += alphabet[value % alphabet.length];
    }
  }
  return password;
}

/**
 * Secrets Manager in memory: secrets with versions and staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING).
 * Putting a value moves AWSCURRENT to it and AWSPREVIOUS to the version that was current, as on AWS.
 * Implements the `SecretStore` port the deployer uses for `{{resolve:secretsmanager:…}}`.
 */
export class SecretStoreEngine implements SecretStore {
  private readonly secrets = new Map<string, SecretRecord>();

  constructor(private readonly config: Pick<LocalCloudConfig, 'region' | 'accountId'>) {}

  /** CreateSecret: the first version, staged AWSCURRENT. */
  create(input: { name: string; secretString: string; description?: string }): SecretRecord {
    if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(input.name)) {
      throw fail(400, 'InvalidParameterException', `Invalid secret name ${input.name}`);
    }
    if (this.secrets.has(input.name)) {
      throw fail(
        400,
        'ResourceExistsException',
        `The operation failed because the secret ${input.name} already exists.`,
      );
    }
    const now = new Date();
    // Secrets Manager appends a hyphen and six random characters to the name in the ARN.
    const suffix = randomPassword({ PasswordLength: 6, ExcludePunctuation: true });
    const record: SecretRecord = {
      name: input.name,
      arn: arnOf(this.config, 'secretsmanager', `secret:${input.name}-${suffix}`),
      ...(input.description ? { description: input.description } : {}),
      versions: [],
      createdDate: now,
      lastChangedDate: now,
    };
    this.secrets.set(input.name, record);
    this.put(input.name, input.secretString);
    return record;
  }

  /**
   * PutSecretValue: a new version with the given labels (default AWSCURRENT). Moving AWSCURRENT moves
   * AWSPREVIOUS to the version that held it.
   */
  put(
    secretId: string,
    secretString: string,
    options: { versionId?: string; stages?: string[] } = {},
  ): SecretVersion {
    const record = this.find(secretId);
    const existing = options.versionId
      ? record.versions.find((v) => v.versionId === options.versionId)
      : undefined;
    if (existing) {
      if (existing.secretString !== secretString) {
        throw fail(
          400,
          'ResourceExistsException',
          `Version ${existing.versionId} already exists with another value.`,
        );
      }
      return existing;
    }
    const version: SecretVersion = {
      versionId: options.versionId ?? randomUUID(),
      secretString,
      stages: new Set(),
      createdDate: new Date(),
    };
    record.versions.push(version);
    for (const stage of options.stages ?? [CURRENT]) this.moveStage(record, stage, version.versionId);
    record.lastChangedDate = new Date();
    return version;
  }

  /** UpdateSecretVersionStage: moves (or removes) one label; moving AWSCURRENT also moves AWSPREVIOUS. */
  updateStage(secretId: string, stage: string, moveTo?: string, removeFrom?: string): void {
    const record = this.find(secretId);
    const holder = record.versions.find((v) => v.stages.has(stage));
    if (holder && holder.versionId !== moveTo && holder.versionId !== removeFrom) {
      throw fail(
        400,
        'InvalidParameterException',
        `The staging label ${stage} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
      );
    }
    if (moveTo === undefined) {
      holder?.stages.delete(stage);
      return;
    }
    if (!record.versions.some((v) => v.versionId === moveTo)) throw notFound(` version ${moveTo}`);
    this.moveStage(record, stage, moveTo);
    record.lastChangedDate = new Date();
  }

  /** The version a label or id names (AWSCURRENT by default); ResourceNotFoundException otherwise. */
  version(secretId: string, versionStage?: string, versionId?: string): SecretVersion {
    const record = this.find(secretId);
    const version = versionId
      ? record.versions.find(
          (v) => v.versionId === versionId && (!versionStage || v.stages.has(versionStage)),
        )
      : record.versions.find((v) => v.stages.has(versionStage ?? CURRENT));
    if (!version) {
      throw notFound(
        versionId
          ? ` value for version ${versionId}`
          : ` value for staging label: ${versionStage ?? CURRENT}`,
      );
    }
    return version;
  }

  /** A secret by name, full ARN, or partial ARN (without the six random characters). */
  find(secretId: string): SecretRecord {
    const byName = this.secrets.get(secretId);
    if (byName) return byName;
    for (const record of this.secrets.values()) {
      if (record.arn === secretId || record.arn.slice(0, -7) === secretId) return record;
    }
    throw notFound('');
  }

  has(secretId: string): boolean {
    try {
      this.find(secretId);
      return true;
    } catch {
      return false;
    }
  }

  /** The port: a dynamic reference's value, or undefined when the secret, version or JSON key is missing. */
  resolve(reference: SecretReference): string | undefined {
    let text: string;
    try {
      text = this.version(reference.secretId, reference.versionStage, reference.versionId).secretString;
    } catch {
      return undefined;
    }
    if (!reference.jsonKey) return text;
    try {
      const value = (JSON.parse(text) as Record<string, unknown>)[reference.jsonKey];
      return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      return undefined;
    }
  }

  private moveStage(record: SecretRecord, stage: string, versionId: string): void {
    const target = record.versions.find((v) => v.versionId === versionId)!;
    const holder = record.versions.find((v) => v.stages.has(stage));
    if (holder === target) return;
    holder?.stages.delete(stage);
    target.stages.add(stage);
    if (stage === CURRENT && holder) {
      for (const v of record.versions) v.stages.delete(PREVIOUS);
      holder.stages.add(PREVIOUS);
    }
    // A version without labels is deprecated; Secrets Manager keeps a few, the local store keeps them all.
  }
}
