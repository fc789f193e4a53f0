import { describe, expect, it } from '@jest/globals';
import type { CfnTemplate } from '../../packages/packager/src/template';
import { diffTemplates, formatDiff, normaliseTemplate } from './templateDiff';

const fn = (key: string, env: Record<string, string> = { TABLE: 'spendwise-dev-catalog' }) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Code: { S3Bucket: { Ref: 'ServerlessDeploymentBucket' }, S3Key: key },
    Environment: { Variables: env },
    MemorySize: 256,
  },
});
const key = (stamp: string, file: string) => `serverless/spendwise-catalog/dev/${stamp}/${file}`;

const base: CfnTemplate = {
  Resources: {
    ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket' },
    CreateCategoryLambdaFunction: fn(key('1796557983451-2026-12-06T11:53:03.451Z', 'createCategory.zip')),
    ListCategoriesLambdaFunction: fn(key('1796557983451-2026-12-06T11:53:03.451Z', 'listCategories.zip')),
    OldQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'old' } },
  },
  Outputs: { HttpApiUrl: { Value: 'a' }, Gone: { Value: 'g' } },
};

describe('diffTemplates', () => {
  it('adds every resource against an empty stack', () => {
    const diff = diffTemplates(undefined, base);

    expect(diff.resources.map((c) => `${c.action} ${c.logicalId}`)).toEqual([
      'Add CreateCategoryLambdaFunction',
      'Add ListCategoriesLambdaFunction',
      'Add OldQueue',
      'Add ServerlessDeploymentBucket',
    ]);
    expect(diff.outputs).toEqual(['+HttpApiUrl', '+Gone']);
  });

  it('sees no change between two packages of the same code (new timestamps, same artifact digests)', () => {
    const again: CfnTemplate = JSON.parse(JSON.stringify(base).replaceAll('1796557983451', '1796557999999'));
    const digests = { 'createCategory.zip': 'aaa', 'listCategories.zip': 'bbb' };

    const diff = diffTemplates(normaliseTemplate(base, digests), normaliseTemplate(again, digests));

    expect(diff).toEqual({ resources: [], outputs: [] });
  });

  it('reports a code change, a property change, an added and a removed resource, and outputs', () => {
    const head: CfnTemplate = {
      Resources: {
        ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket' },
        CreateCategoryLambdaFunction: fn(key('1796557999999-2026-12-06T12:00:00.000Z', 'createCategory.zip')),
        ListCategoriesLambdaFunction: fn(
          key('1796557999999-2026-12-06T12:00:00.000Z', 'listCategories.zip'),
          {
            TABLE: 'spendwise-dev-catalog',
            LOG_LEVEL: 'DEBUG',
          },
        ),
        NewQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'new' } },
      },
      Outputs: { HttpApiUrl: { Value: 'b' }, Added: { Value: 'n' } },
    };

    const diff = diffTemplates(
      normaliseTemplate(base, { 'createCategory.zip': 'aaa', 'listCategories.zip': 'bbb' }),
      normaliseTemplate(head, { 'createCategory.zip': 'ccc', 'listCategories.zip': 'bbb' }),
    );

    expect(diff.resources).toEqual([
      { action: 'Add', logicalId: 'NewQueue', type: 'AWS::SQS::Queue', paths: [] },
      {
        action: 'Modify',
        logicalId: 'CreateCategoryLambdaFunction',
        type: 'AWS::Lambda::Function',
        paths: ['Properties.Code.S3Key'],
      },
      {
        action: 'Modify',
        logicalId: 'ListCategoriesLambdaFunction',
        type: 'AWS::Lambda::Function',
        paths: ['Properties.Environment.Variables'],
      },
      { action: 'Remove', logicalId: 'OldQueue', type: 'AWS::SQS::Queue', paths: [] },
    ]);
    expect(diff.outputs).toEqual(['+Added', '~HttpApiUrl', '-Gone']);
    expect(formatDiff('catalog', diff, 'base abc → head def').split('\n')).toEqual([
      'catalog: 1 to add, 2 to modify, 1 to remove (base abc → head def)',
      '  + AWS::SQS::Queue        NewQueue',
      '  ~ AWS::Lambda::Function  CreateCategoryLambdaFunction  (Properties.Code.S3Key)',
      '  ~ AWS::Lambda::Function  ListCategoriesLambdaFunction  (Properties.Environment.Variables)',
      '  - AWS::SQS::Queue        OldQueue',
      '  outputs: +Added ~HttpApiUrl -Gone',
    ]);
  });

  it('replaces a resource whose type changes under the same logical id', () => {
    const head: CfnTemplate = {
      Resources: { ...base.Resources, OldQueue: { Type: 'AWS::SNS::Topic', Properties: {} } },
    };

    const diff = diffTemplates(base, head);

    expect(diff.resources.filter((c) => c.logicalId === 'OldQueue').map((c) => c.action)).toEqual([
      'Add',
      'Remove',
    ]);
  });

  it('ignores key order inside properties', () => {
    const reordered: CfnTemplate = {
      Resources: { OldQueue: { Properties: { QueueName: 'old' }, Type: 'AWS::SQS::Queue' } },
    };

    expect(diffTemplates({ Resources: { OldQueue: base.Resources.OldQueue! } }, reordered).resources).toEqual(
      [],
    );
  });
});
