import { arnOf } from '../core/arn';
import type { LocalCloudConfig } from '../core/config';
import { AwsApiError } from '../core/errors';
import type { ParameterStore } from '../core/ports';

export type ParameterType = 'String' | 'StringList' | 'SecureString';

/** One version of a parameter. */
export interface ParameterRecord {
  name: string;
  type: ParameterType;
  value: string;
  version: number;
  lastModifiedDate: Date;
  dataType: string;
  tier: string;
  description?: string;
  allowedPattern?: string;
}

/** PutParameter's input. */
export interface PutParameterInput {
  Name: string;
  Value: string;
  Type?: ParameterType;
  Overwrite?: boolean;
  Description?: string;
  AllowedPattern?: string;
  DataType?: string;
  Tier?: string;
}

const fail = (code: string, message: string) => new AwsApiError(400, code, message);

/** Checks a name as SSM does: non-empty, hierarchies start with `/`, no reserved prefixes. */
function checkName(name: string): void {
  if (!name || name.length > 2048)
    throw fail('ValidationException', 'Parameter name must be 1-2048 characters');
  if (name.includes('/') && !name.startsWith('/')) {
    throw fail(
      'ValidationException',
      'Parameter name must be a fully qualified name (start with /) when it has a hierarchy',
    );
  }
  if (/^\/?(aws|ssm)/i.test(name)) {
    throw fail(
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
    );
  }
}

/**
 * SSM Parameter Store in memory: versions, types, allowed patterns, hierarchies. Implements the
 * `ParameterStore` port the deployer uses to resolve `{{resolve:ssm:name}}`.
 * @example const ssm = new ParameterStoreEngine(cloud.config); cloud.ssm = ssm;
 */
export class ParameterStoreEngine implements ParameterStore {
  private readonly versions = new Map<string, ParameterRecord[]>();

  constructor(private readonly config: Pick<LocalCloudConfig, 'region' | 'accountId'>) {}

  /** The current value, or undefined. */
  get(name: string): string | undefined {
    return this.describe(name)?.value;
  }

  /** Creates or overwrites a String parameter (the port's simple form). */
  put(name: string, value: string): void {
    const type = this.describe(name)?.type ?? 'String';
    this.putParameter({ Name: name, Value: value, Type: type, Overwrite: true });
  }

  /** PutParameter: a new version, or ParameterAlreadyExists without Overwrite. */
  putParameter(input: PutParameterInput): { Version: number; Tier: string } {
    checkName(input.Name);
    const current = this.describe(input.Name);
    if (current && !input.Overwrite) throw fail('ParameterAlreadyExists', 'The parameter already exists.');
    const type = input.Type ?? current?.type;
    if (!type) throw fail('ValidationException', 'A parameter type is required when you create a parameter.');
    if (type === 'StringList' && input.Value.split(',').some((item) => !item)) {
      throw fail('ValidationException', 'StringList values must not contain empty items');
    }
    const allowedPattern = input.AllowedPattern ?? current?.allowedPattern;
    if (allowedPattern && !new RegExp(allowedPattern).test(input.Value)) {
      throw fail(
        'ParameterPatternMismatchException',
        `Parameter value failed to satisfy constraint: ${allowedPattern}`,
      );
    }
    const record: ParameterRecord = {
      name: input.Name,
      type,
      value: input.Value,
      version: (current?.version ?? 0) + 1,
      lastModifiedDate: new Date(),
      dataType: input.DataType ?? current?.dataType ?? 'text',
      tier: input.Tier && input.Tier !== 'Intelligent-Tiering' ? input.Tier : 'Standard',
      description: input.Description ?? current?.description,
      allowedPattern,
    };
    this.versions.set(input.Name, [...(this.versions.get(input.Name) ?? []), record]);
    return { Version: record.version, Tier: record.tier };
  }

  /** A parameter by name, ARN or `name:version`; undefined when there is no such parameter or version. */
  describe(reference: string): ParameterRecord | undefined {
    const { name, version } = this.parseReference(reference);
    const history = this.versions.get(name);
    if (!history) return undefined;
    return version === undefined ? history.at(-1) : history.find((record) => record.version === version);
  }

  /** Parameters under a path (`/a/b`): direct children, or every descendant when recursive. */
  byPath(path: string, recursive: boolean): ParameterRecord[] {
    if (!path.startsWith('/'))
      throw fail('ValidationException', 'The path must start with a forward slash (/)');
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return [...this.versions.keys()]
      .filter((name) => name.startsWith(prefix) && (recursive || !name.slice(prefix.length).includes('/')))
      .sort()
      .map((name) => this.versions.get(name)!.at(-1)!);
  }

  /** Deletes every version; false when there was none. */
  delete(name: string): boolean {
    return this.versions.delete(name);
  }

  arnOf(name: string): string {
    return arnOf(this.config, 'ssm', `parameter${name.startsWith('/') ? name : `/${name}`}`);
  }

  private parseReference(reference: string): { name: string; version?: number } {
    let name = reference;
    if (reference.startsWith('arn:')) {
      const path = reference.slice(reference.indexOf(':parameter/') + ':parameter'.length);
      name = this.versions.has(path) ? path : path.slice(1);
    }
    const selector = /^(.*):(\d+)$/.exec(name);
    return selector ? { name: selector[1]!, version: Number(selector[2]) } : { name };
  }
}
