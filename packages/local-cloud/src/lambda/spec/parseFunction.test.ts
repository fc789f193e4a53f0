import { describe, expect, it } from '@jest/globals';
import { parseFunction } from './parseFunction';

const config = { region: 'eu-west-1', accountId: '000000000000' };
const resource = (properties: Record<string, unknown>) => ({
  stack: 'expenses',
  stackDir: '/repo/services/expenses',
  logicalId: 'GetExpenseLambdaFunction',
  type: 'AWS::Lambda::Function',
  properties: {
    Code: { S3Bucket: 'b', S3Key: 'serverless/spendwise-expenses/dev/1-2026/getExpense.zip' },
    Handler: 'src/functions/getExpense/handler.handler',
    Runtime: 'nodejs24.x',
    FunctionName: 'spendwise-expenses-dev-getExpense',
    ...properties,
  },
});

describe('parseFunction', () => {
  it('reads the settings of a packaged function, with Lambda’s defaults', () => {
    const parsed = parseFunction(
      resource({ DeadLetterConfig: { TargetArn: 'arn:aws:sqs:eu-west-1:000000000000:dlq' } }),
      config,
    );

    expect(parsed.zipPath).toBe('/repo/services/expenses/.serverless/getExpense.zip');
    expect(parsed.spec).toMatchObject({
      name: 'spendwise-expenses-dev-getExpense',
      arn: 'arn:aws:lambda:eu-west-1:000000000000:function:spendwise-expenses-dev-getExpense',
      memoryMb: 128,
      timeoutSeconds: 3,
      logGroup: '/aws/lambda/spendwise-expenses-dev-getExpense',
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:000000000000:dlq',
      reservedConcurrency: undefined,
    });
    expect(parsed.issues).toEqual([]);
  });

  it('lists what it cannot honour', () => {
    const parsed = parseFunction(
      resource({
        Runtime: 'python3.12',
        VpcConfig: { SubnetIds: ['s'] },
        Environment: {
          Variables: {
            AWS_ENDPOINT_URL_SQS: 'https://sqs.amazonaws.com',
            TABLE: { Ref: 'Unresolved' },
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
        DeadLetterConfig: { TargetArn: 'arn:aws:s3:::bucket' },
      }),
      config,
    );

    expect(parsed.issues.map((i) => i.property).sort()).toEqual([
      'DeadLetterConfig.TargetArn',
      'Environment.Variables.AWS_ENDPOINT_URL_SQS',
      'Environment.Variables.NODE_OPTIONS',
      'Environment.Variables.TABLE',
      'Runtime',
      'VpcConfig',
    ]);
    expect(parsed.spec.variables).toEqual({ NODE_OPTIONS: '--enable-source-maps' });
  });

  it('reports inline code instead of pointing at a zip', () => {
    const parsed = parseFunction(resource({ Code: { ZipFile: 'exports.handler = async () => 1' } }), config);

    expect(parsed.zipPath).toBeUndefined();
    expect(parsed.issues).toEqual([expect.objectContaining({ property: 'Code.ZipFile' })]);
  });
});
