import { basename, join } from 'node:path';
import { arnOf, parseArn } from '../../core/arn';
import type { LocalCloudConfig } from '../../core/config';
import type { ResolvedResource } from '../../core/resources';
import type { FunctionSpec } from './FunctionSpec';
import { RESERVED_VARIABLES } from './lambdaEnvironment';

/** A property of a function resource that is not honoured locally, and why. */
export interface FunctionIssue {
  property: string;
  reason: string;
}

/** What a function resource describes, before its bundle is extracted. */
export interface ParsedFunction {
  spec: Omit<FunctionSpec, 'codeDir'>;
  /** The zip `osls package` wrote for it, or undefined when the code is not a zip (reported). */
  zipPath?: string;
  issues: FunctionIssue[];
}

type Props = Record<string, unknown>;

const asRecord = (value: unknown): Props =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Props) : {};
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asNumber = (value: unknown): number | undefined => {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
};

/**
 * Reads an AWS::Lambda::Function resource (intrinsics already resolved) into the spec the engine runs, and
 * lists every property that matters and cannot be honoured.
 */
export function parseFunction(
  resource: ResolvedResource,
  config: Pick<LocalCloudConfig, 'region' | 'accountId'>,
): ParsedFunction {
  const props = resource.properties;
  const issues: FunctionIssue[] = [];
  const name = asString(props.FunctionName) ?? `${resource.stack}-${resource.logicalId}`;
  const runtime = asString(props.Runtime) ?? 'unknown';
  const logging = asRecord(props.LoggingConfig);
  const spec: Omit<FunctionSpec, 'codeDir'> = {
    stack: resource.stack,
    logicalId: resource.logicalId,
    name,
    arn: arnOf(config, 'lambda', `function:${name}`),
    handler: asString(props.Handler) ?? '',
    runtime,
    memoryMb: asNumber(props.MemorySize) ?? 128,
    timeoutSeconds: asNumber(props.Timeout) ?? 3,
    variables: readVariables(asRecord(asRecord(props.Environment).Variables), issues),
    reservedConcurrency: asNumber(props.ReservedConcurrentExecutions),
    deadLetterTargetArn: readDeadLetterTarget(asRecord(props.DeadLetterConfig), issues),
    logGroup: asString(logging.LogGroup) ?? `/aws/lambda/${name}`,
  };
  if (!/^nodejs\d+\.x$/.test(runtime)) {
    issues.push({
      property: 'Runtime',
      reason: `${runtime} does not run locally (Node.js only); invocations fail`,
    });
  }
  issues.push(...unsupportedSettings(props));
  return { spec, zipPath: zipPathOf(resource, issues), issues };
}

function readVariables(variables: Props, issues: FunctionIssue[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    const property = `Environment.Variables.${key}`;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      issues.push({ property, reason: 'value is not a string after resolving intrinsics; left unset' });
    } else if (RESERVED_VARIABLES.includes(key)) {
      issues.push({ property, reason: 'reserved by Lambda; the runtime value is used' });
    } else if (key.startsWith('AWS_ENDPOINT_URL')) {
      issues.push({ property, reason: 'would send SDK calls away from the local endpoint; left unset' });
    } else {
      if (key === 'NODE_OPTIONS') {
        issues.push({
          property,
          reason: 'set in process.env but its flags are not applied: worker threads read no NODE_OPTIONS',
        });
      }
      result[key] = String(value);
    }
  }
  return result;
}

function readDeadLetterTarget(config: Props, issues: FunctionIssue[]): string | undefined {
  const target = asString(config.TargetArn);
  if (target === undefined || target === '') return undefined;
  const service = parseArn(target)?.service;
  if (service !== 'sqs' && service !== 'sns') {
    issues.push({
      property: 'DeadLetterConfig.TargetArn',
      reason: `${target} is neither an SQS queue nor an SNS topic`,
    });
    return undefined;
  }
  return target;
}

/** The settings that change behaviour on AWS and that a worker thread cannot reproduce. */
function unsupportedSettings(props: Props): FunctionIssue[] {
  const issues: FunctionIssue[] = [];
  const add = (property: string, reason: string) => issues.push({ property, reason });
  if (Array.isArray(props.Layers) && props.Layers.length > 0)
    add('Layers', 'layers are not loaded; only the bundle is on the module path');
  if (props.VpcConfig)
    add('VpcConfig', 'no network isolation locally; the function reaches whatever the host reaches');
  if (props.FileSystemConfigs) add('FileSystemConfigs', 'EFS mounts are not provided');
  if (props.EphemeralStorage) add('EphemeralStorage', '/tmp is the host’s, shared and unbounded');
  if (asRecord(props.SnapStart).ApplyOn === 'PublishedVersions')
    add('SnapStart', 'no snapshots; every cold start initialises');
  const logging = asRecord(props.LoggingConfig);
  if (logging.LogFormat === 'JSON')
    add('LoggingConfig.LogFormat', 'runtime log lines are written in the text format');
  if (logging.ApplicationLogLevel || logging.SystemLogLevel)
    add('LoggingConfig', 'log level filtering is not applied');
  return issues;
}

function zipPathOf(resource: ResolvedResource, issues: FunctionIssue[]): string | undefined {
  const props = resource.properties;
  const code = asRecord(props.Code);
  const key = asString(code.S3Key);
  if (props.PackageType === 'Image' || code.ImageUri) {
    issues.push({
      property: 'Code.ImageUri',
      reason: 'container images do not run locally; invocations fail',
    });
  } else if (code.ZipFile !== undefined) {
    issues.push({
      property: 'Code.ZipFile',
      reason: 'inline code is not supported; package the function as a zip',
    });
  } else if (key === undefined) {
    issues.push({ property: 'Code', reason: 'no S3Key to find the packaged zip by; invocations fail' });
  } else {
    return join(resource.stackDir, '.serverless', basename(key));
  }
  return undefined;
}
