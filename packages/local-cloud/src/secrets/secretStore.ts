import { randomBytes, randomInt } from 'node:crypto';
import type { LocalCloud } from '../core/context';
import { reportUnhonoured } from '../core/report';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { stableHash } from '../deploy/pseudo';

/** A secret of the templates: its ARN, name and current value. */
export interface LocalSecret {
  arn: string;
  name: string;
  value: string;
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/**
 * The `AWS::SecretsManager::Secret` resources of the templates, kept in memory for this run (a generated value
 * is new at every start, like a secret rotated at each deployment): what `{{resolve:secretsmanager:…}}` reads
 * while the stacks deploy. There is no local Secrets Manager API.
 */
export class SecretStore {
  private readonly secrets = new Map<string, LocalSecret>();

  /** A secret by ARN (with or without the random suffix) or name. */
  get(id: string): LocalSecret | undefined {
    return (
      this.secrets.get(id) ??
      [...this.secrets.values()].find(
        (secret) => secret.name === id || secret.arn.replace(/-[A-Za-z0-9]{6}$/, '') === id,
      )
    );
  }

  providers(): ResourceProvider[] {
    return [new SecretProvider(this.secrets)];
  }
}

class SecretProvider implements ResourceProvider {
  readonly types = ['AWS::SecretsManager::Secret'] as const;

  constructor(private readonly secrets: Map<string, LocalSecret>) {}

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const { region, accountId, stage } = ctx.config;
    const props = resource.properties;
    const name =
      typeof props.Name === 'string'
        ? props.Name
        : `spendwise-${resource.stack}-${stage}-${resource.logicalId}`;
    const suffix = stableHash('secret', name).slice(0, 6);
    const arn = `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`;
    const value =
      typeof props.SecretString === 'string'
        ? props.SecretString
        : generated((props.GenerateSecretString ?? {}) as Record<string, unknown>);
    this.secrets.set(arn, { arn, name, value });
    reportUnhonoured(
      ctx,
      resource,
      ['Name', 'SecretString', 'GenerateSecretString', 'Description', 'Tags'],
      'replicas, KMS keys and resource policies are not emulated; the value is only read by {{resolve:secretsmanager:…}} (no local Secrets Manager API)',
    );
    return { ref: arn, attributes: { Id: arn } };
  }
}

/** A value as `GenerateSecretString` describes it (length, character classes, optional JSON template). */
function generated(spec: Record<string, unknown>): string {
  const flag = (name: string) => spec[name] === true || spec[name] === 'true';
  const excluded = new Set(String(spec.ExcludeCharacters ?? ''));
  const alphabet = [
    ...(flag('ExcludeLowercase') ? '' : LETTERS.slice(0, 26)),
    ...(flag('ExcludeUppercase') ? '' : LETTERS.slice(26)),
    ...(flag('ExcludeNumbers') ? '' : DIGITS),
    ...(flag('ExcludePunctuation') ? '' : PUNCTUATION),
    ...(flag('IncludeSpace') ? ' ' : ''),
  ].filter((char) => !excluded.has(char));
  const length = Number(spec.PasswordLength ?? 32);
  const password =
    alphabet.length === 0
      ? randomBytes(length).toString('hex').slice(0, length)
      : Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
  if (typeof spec.SecretStringTemplate !== 'string' || typeof spec.GenerateStringKey !== 'string')
    return password;
  return JSON.stringify({ ...JSON.parse(spec.SecretStringTemplate), [spec.GenerateStringKey]: password });
}

/**
 * The value of `{{resolve:secretsmanager:<id>[:SecretString[:json-key[:version-stage[:version-id]]]]}}`,
 * undefined when no secret has that id. Versions other than the current one are not kept.
 */
export function resolveSecretReference(
  store: Pick<SecretStore, 'get'>,
  reference: string,
): string | undefined {
  // The id may be an ARN, itself full of colons: the known parts come after `:SecretString`.
  const at = reference.indexOf(':SecretString');
  const id = at < 0 ? reference : reference.slice(0, at);
  const secret = store.get(id);
  if (!secret) return undefined;
  const jsonKey = at < 0 ? '' : (reference.slice(at + ':SecretString'.length).split(':')[1] ?? '');
  if (!jsonKey) return secret.value;
  const parsed = JSON.parse(secret.value) as Record<string, unknown>;
  return parsed[jsonKey] === undefined ? undefined : String(parsed[jsonKey]);
}
