import { AwsApiError } from '../core/errors';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import { type PasswordOptions, randomPassword, type SecretStoreEngine } from './secretStore';

type Input = Record<string, unknown>;

const text = (input: Input, field: string): string => {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw new AwsApiError(400, 'InvalidParameterException', `${field} is required`);
  }
  return value;
};

/**
 * The part of the Secrets Manager API (`secretsmanager.<Action>`, awsJson 1.1) Spendwise uses: CreateSecret,
 * GetSecretValue, PutSecretValue, DescribeSecret, UpdateSecretVersionStage, GetRandomPassword.
 */
export class SecretsManagerApi implements AwsApi {
  readonly services = ['secretsmanager'] as const;

  constructor(private readonly store: SecretStoreEngine) {}

  async handle(request: AwsRequest): Promise<AwsResponse> {
    const input = (request.body.length ? JSON.parse(request.body.toString('utf8')) : {}) as Input;
    const action = this.actions[request.action];
    if (!action) {
      throw new AwsApiError(400, 'UnknownOperationException', `Unknown operation ${request.action}`);
    }
    return { status: 200, body: action(input) };
  }

  private readonly actions: Record<string, (input: Input) => Input> = {
    CreateSecret: (input) => {
      const record = this.store.create({
        name: text(input, 'Name'),
        secretString: text(input, 'SecretString'),
        ...(typeof input.Description === 'string' ? { description: input.Description } : {}),
      });
      return { ARN: record.arn, Name: record.name, VersionId: record.versions[0]!.versionId };
    },
    GetSecretValue: (input) => {
      const secretId = text(input, 'SecretId');
      const record = this.store.find(secretId);
      const version = this.store.version(
        secretId,
        input.VersionStage as string | undefined,
        input.VersionId as string | undefined,
      );
      return {
        ARN: record.arn,
        Name: record.name,
        VersionId: version.versionId,
        SecretString: version.secretString,
        VersionStages: [...version.stages],
        CreatedDate: version.createdDate.getTime() / 1000,
      };
    },
    PutSecretValue: (input) => {
      const secretId = text(input, 'SecretId');
      const version = this.store.put(secretId, text(input, 'SecretString'), {
        ...(typeof input.ClientRequestToken === 'string' ? { versionId: input.ClientRequestToken } : {}),
        ...(Array.isArray(input.VersionStages) ? { stages: input.VersionStages as string[] } : {}),
      });
      const record = this.store.find(secretId);
      return {
        ARN: record.arn,
        Name: record.name,
        VersionId: version.versionId,
        VersionStages: [...version.stages],
      };
    },
    DescribeSecret: (input) => {
      const record = this.store.find(text(input, 'SecretId'));
      return {
        ARN: record.arn,
        Name: record.name,
        ...(record.description ? { Description: record.description } : {}),
        CreatedDate: record.createdDate.getTime() / 1000,
        LastChangedDate: record.lastChangedDate.getTime() / 1000,
        VersionIdsToStages: Object.fromEntries(
          record.versions.filter((v) => v.stages.size > 0).map((v) => [v.versionId, [...v.stages]]),
        ),
      };
    },
    UpdateSecretVersionStage: (input) => {
      const secretId = text(input, 'SecretId');
      this.store.updateStage(
        secretId,
        text(input, 'VersionStage'),
        input.MoveToVersionId as string | undefined,
        input.RemoveFromVersionId as string | undefined,
      );
      const record = this.store.find(secretId);
      return { ARN: record.arn, Name: record.name };
    },
    GetRandomPassword: (input) => ({ RandomPassword: randomPassword(input as PasswordOptions) }),
  };
}
