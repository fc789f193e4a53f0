import { randomBytes } from 'node:crypto';
import { LOCAL_ACCOUNT_ID, type LocalCloudConfig } from '../../core/config';
import { functionCredentials } from '../../iam/credentials';
import type { FunctionSpec } from './FunctionSpec';

/** Variables the Lambda service owns: a template cannot set them (CloudFormation rejects it), so ours win. */
export const RESERVED_VARIABLES = [
  '_HANDLER',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];

/** A new log stream name like Lambda's: `2026/01/31/[$LATEST]<32 hex>`. */
export const newLogStreamName = (now = new Date()) =>
  `${now.toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;

/** The local endpoint every SDK client of a function must reach; set last, so nothing points at real AWS. */
export const endpointOf = (config: Pick<LocalCloudConfig, 'host' | 'awsPort'>) =>
  `http://${config.host}:${config.awsPort}`;

/**
 * The `process.env` of one execution environment: a clean environment (nothing of the host's leaks in, as on
 * Lambda) with the standard Lambda variables, the function's own credentials, the local endpoint and the template's
 * variables.
 *
 * POWERTOOLS_TRACE_ENABLED defaults to false: with AWS_EXECUTION_ENV set, Powertools Tracer believes it runs on
 * Lambda and would open X-Ray segments for a daemon that does not exist here. A function that sets the
 * variable itself keeps its value.
 */
export function lambdaEnvironment(
  spec: FunctionSpec,
  config: Pick<LocalCloudConfig, 'region' | 'host' | 'awsPort'> &
    Partial<Pick<LocalCloudConfig, 'accountId'>>,
  logStreamName: string,
): Record<string, string> {
  const credentials = functionCredentials(config.accountId ?? LOCAL_ACCOUNT_ID, spec.name);
  const base: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_DEFAULT_REGION: config.region,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
  const reserved: Record<string, string> = {
    _HANDLER: spec.handler,
    AWS_REGION: config.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    // The function's own credentials: the local cloud maps the key to the function's role (iam/credentials.ts).
    AWS_ACCESS_KEY_ID: credentials.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
    AWS_SESSION_TOKEN: credentials.SessionToken,
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: spec.codeDir,
    AWS_ENDPOINT_URL: endpointOf(config),
  };
  return { ...base, ...spec.variables, ...reserved };
}
