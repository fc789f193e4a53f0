import { describe, expect, it } from '@jest/globals';
import { functionCredentials } from '../../iam/credentials';
import type { FunctionSpec } from './FunctionSpec';
import { lambdaEnvironment, newLogStreamName } from './lambdaEnvironment';

const spec = (variables: Record<string, string>): FunctionSpec => ({
  stack: 'expenses',
  logicalId: 'F',
  name: 'fn',
  arn: 'arn:aws:lambda:eu-west-1:000000000000:function:fn',
  handler: 'src/handler.handler',
  runtime: 'nodejs24.x',
  memoryMb: 256,
  timeoutSeconds: 10,
  variables,
  logGroup: '/aws/lambda/fn',
  codeDir: '/data/functions/expenses/fn',
});
const config = { region: 'eu-west-1', host: '127.0.0.1', awsPort: 4566 };

describe('lambdaEnvironment', () => {
  it("sets the standard Lambda variables, the function's own credentials and the local endpoint", () => {
    const env = lambdaEnvironment(spec({ TABLE: 't' }), config, 'stream');

    expect(env).toMatchObject({
      TABLE: 't',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'fn',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fn',
      AWS_LAMBDA_LOG_STREAM_NAME: 'stream',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      LAMBDA_TASK_ROOT: '/data/functions/expenses/fn',
      _HANDLER: 'src/handler.handler',
      TZ: ':UTC',
      AWS_ACCESS_KEY_ID: functionCredentials('000000000000', 'fn').AccessKeyId,
      AWS_SECRET_ACCESS_KEY: functionCredentials('000000000000', 'fn').SecretAccessKey,
      AWS_SESSION_TOKEN: functionCredentials('000000000000', 'fn').SessionToken,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
  });

  it('gives each function its own access key, the same on every start', () => {
    const one = lambdaEnvironment(spec({}), config, 's').AWS_ACCESS_KEY_ID;
    const other = lambdaEnvironment({ ...spec({}), name: 'other' }, config, 's').AWS_ACCESS_KEY_ID;
    expect(one).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(other).not.toBe(one);
    expect(lambdaEnvironment(spec({}), config, 's').AWS_ACCESS_KEY_ID).toBe(one);
  });

  it('lets a function choose its tracing but never a reserved variable', () => {
    const env = lambdaEnvironment(
      spec({ POWERTOOLS_TRACE_ENABLED: 'true', AWS_REGION: 'us-east-1' }),
      config,
      's',
    );

    expect(env.POWERTOOLS_TRACE_ENABLED).toBe('true');
    expect(env.AWS_REGION).toBe('eu-west-1');
  });

  it('names log streams as Lambda does', () => {
    expect(newLogStreamName(new Date('2026-03-04T05:06:07Z'))).toMatch(
      /^2026\/03\/04\/\[\$LATEST\][0-9a-f]{32}$/,
    );
  });
});
