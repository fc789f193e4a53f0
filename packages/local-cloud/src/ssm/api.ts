import { AwsApiError } from '../core/errors';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import type { ParameterRecord, ParameterStoreEngine, PutParameterInput } from './parameterStore';

type Input = Record<string, unknown>;

const notFound = (name: string) => new AwsApiError(400, 'ParameterNotFound', `Parameter ${name} not found.`);

/**
 * The Parameter Store part of the SSM API (`AmazonSSM.<Action>`, awsJson 1.1): GetParameter, GetParameters,
 * GetParametersByPath, PutParameter, DeleteParameter.
 */
export class SsmApi implements AwsApi {
  readonly services = ['ssm'] as const;

  constructor(private readonly store: ParameterStoreEngine) {}

  async handle(request: AwsRequest): Promise<AwsResponse> {
    const input = (request.body.length ? JSON.parse(request.body.toString('utf8')) : {}) as Input;
    const action = this.actions[request.action];
    if (!action)
      throw new AwsApiError(400, 'UnknownOperationException', `Unknown operation ${request.action}`);
    return { status: 200, body: action(input) };
  }

  /** A parameter on the wire; SecureString values stay opaque unless decryption is asked for. */
  private wire(record: ParameterRecord, reference: string, decrypt: boolean): Input {
    const encrypted = record.type === 'SecureString' && !decrypt;
    const selector = /:(\d+)$/.exec(reference)?.[0];
    return {
      Name: record.name,
      Type: record.type,
      Value: encrypted ? Buffer.from(`local-kms:${record.value}`).toString('base64') : record.value,
      Version: record.version,
      LastModifiedDate: record.lastModifiedDate.getTime() / 1000,
      ARN: this.store.arnOf(record.name),
      DataType: record.dataType,
      ...(selector ? { Selector: selector } : {}),
    };
  }

  private readonly actions: Record<string, (input: Input) => Input> = {
    GetParameter: (input) => {
      const name = String(input.Name ?? '');
      const record = this.store.describe(name);
      if (!record) throw notFound(name);
      return { Parameter: this.wire(record, name, input.WithDecryption === true) };
    },
    GetParameters: (input) => {
      const names = (input.Names as string[] | undefined) ?? [];
      if (names.length < 1 || names.length > 10)
        throw new AwsApiError(400, 'ValidationException', 'Names must have 1-10 items');
      const found = names.map((name) => [name, this.store.describe(name)] as const);
      return {
        Parameters: found
          .filter(([, r]) => r)
          .map(([name, r]) => this.wire(r!, name, input.WithDecryption === true)),
        InvalidParameters: found.filter(([, r]) => !r).map(([name]) => name),
      };
    },
    GetParametersByPath: (input) => {
      const records = this.store.byPath(String(input.Path ?? ''), input.Recursive === true);
      const start = Number(input.NextToken ?? 0) || 0;
      const size = Math.min(Number(input.MaxResults ?? 10) || 10, 10);
      const page = records
        .slice(start, start + size)
        .map((r) => this.wire(r, r.name, input.WithDecryption === true));
      return {
        Parameters: page,
        NextToken: start + size < records.length ? String(start + size) : undefined,
      };
    },
    PutParameter: (input) => this.store.putParameter(input as unknown as PutParameterInput),
    DeleteParameter: (input) => {
      const name = String(input.Name ?? '');
      if (!this.store.delete(name)) throw notFound(name);
      return {};
    },
  };
}
