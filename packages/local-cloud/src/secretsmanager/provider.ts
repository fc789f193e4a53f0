import type { LocalCloud } from '../core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { type PasswordOptions, randomPassword, type SecretStoreEngine } from './secretStore';

interface GenerateSecretString extends PasswordOptions {
  SecretStringTemplate?: string;
  GenerateStringKey?: string;
}

/**
 * `AWS::SecretsManager::Secret` in the local Secrets Manager, created synchronously so later resources can
 * resolve `{{resolve:secretsmanager:…}}`: SecretString, or GenerateSecretString (a random password, or a JSON
 * template with the password under GenerateStringKey). Ref = the ARN; GetAtt Id. Replicas and KMS keys are
 * reported (one region, no encryption locally).
 */
export class SecretProvider implements ResourceProvider {
  readonly types = ['AWS::SecretsManager::Secret'] as const;

  constructor(private readonly store: SecretStoreEngine) {}

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const props = resource.properties;
    const name = (props.Name as string | undefined) ?? `${resource.logicalId}-${resource.stack}`;
    for (const property of ['ReplicaRegions', 'KmsKeyId'] as const) {
      if (props[property] !== undefined) {
        ctx.report({
          stack: resource.stack,
          logicalId: resource.logicalId,
          type: resource.type,
          property,
          reason:
            property === 'ReplicaRegions'
              ? 'the local cloud has one region: the secret is read there, no replica is made'
              : 'secrets are not encrypted locally',
        });
      }
    }
    const record = this.store.has(name)
      ? this.store.find(name) // deployed again in the same run: CloudFormation would not regenerate it either
      : this.store.create({
          name,
          secretString: secretString(resource.logicalId, props),
          ...(typeof props.Description === 'string' ? { description: props.Description } : {}),
        });
    return { ref: record.arn, attributes: { Id: record.arn } };
  }
}

function secretString(logicalId: string, props: Record<string, unknown>): string {
  if (typeof props.SecretString === 'string') {
    if (props.GenerateSecretString !== undefined) {
      throw new Error(`${logicalId}: SecretString and GenerateSecretString are mutually exclusive`);
    }
    return props.SecretString;
  }
  const generate = (props.GenerateSecretString ?? {}) as GenerateSecretString;
  const password = randomPassword(generate);
  if (generate.SecretStringTemplate === undefined) return password;
  if (!generate.GenerateStringKey) {
    throw new Error(`${logicalId}: GenerateSecretString.SecretStringTemplate needs GenerateStringKey`);
  }
  const template = JSON.parse(generate.SecretStringTemplate) as Record<string, unknown>;
  return JSON.stringify({ ...template, [generate.GenerateStringKey]: password });
}
