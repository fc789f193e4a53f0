import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChangeSetClients, describeChangeSet, formatChangeSet, hasAwsCredentials } from './aws';

// A fake CloudFormation and S3 behind the SDK clients' `send`: records every command by name and input,
// answers from a small in-memory model of one stack.
function fakeAws(options: { stackExists: boolean; changeSetFails?: string }) {
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    calls.push({ name, input: command.input });
    switch (name) {
      case 'DescribeStacks':
        if (!options.stackExists) throw new Error('Stack with id spendwise-catalog-staging does not exist');
        return {
          Stacks: [
            {
              StackStatus: 'UPDATE_COMPLETE',
              Outputs: [
                {
                  OutputKey: 'ServerlessDeploymentBucketName',
                  OutputValue: 'spendwise-catalog-staging-bucket',
                },
              ],
            },
          ],
        };
      case 'DescribeChangeSet':
        return options.changeSetFails
          ? { Status: 'FAILED', StatusReason: options.changeSetFails }
          : {
              Status: 'CREATE_COMPLETE',
              Changes: [
                {
                  ResourceChange: {
                    Action: 'Modify',
                    LogicalResourceId: 'CatalogTable',
                    ResourceType: 'AWS::DynamoDB::Table',
                    Replacement: 'True',
                  },
                },
              ],
            };
      default:
        return {};
    }
  };
  return { calls, clients: { cfn: { send }, s3: { send } } as unknown as ChangeSetClients };
}

let dir: string;
let templatePath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'change-set-'));
  templatePath = join(dir, 'template.json');
  await writeFile(
    templatePath,
    JSON.stringify({ Resources: { CatalogTable: { Type: 'AWS::DynamoDB::Table' } } }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const request = () => ({
  stackName: 'spendwise-catalog-staging',
  region: 'eu-west-1',
  templatePath,
  label: 'abc1234567',
});

describe('describeChangeSet', () => {
  it('creates an UPDATE change set from the deployment bucket, describes it, then deletes it and the upload', async () => {
    const aws = fakeAws({ stackExists: true });

    const outcome = await describeChangeSet(request(), aws.clients);

    expect(outcome).toEqual({
      kind: 'changes',
      rows: [
        { action: 'Modify', logicalId: 'CatalogTable', type: 'AWS::DynamoDB::Table', replacement: 'True' },
      ],
    });
    expect(aws.calls.map((c) => c.name)).toEqual([
      'DescribeStacks',
      'PutObject',
      'CreateChangeSet',
      'DescribeChangeSet',
      'DeleteChangeSet',
      'DeleteObject',
    ]);
    const create = aws.calls.find((c) => c.name === 'CreateChangeSet')!.input;
    expect(create).toMatchObject({ StackName: 'spendwise-catalog-staging', ChangeSetType: 'UPDATE' });
    expect(create.TemplateURL).toMatch(
      /^https:\/\/spendwise-catalog-staging-bucket\.s3\.eu-west-1\.amazonaws\.com\/changesets\//,
    );
    expect(aws.calls.some((c) => c.name === 'ExecuteChangeSet')).toBe(false);
    expect(formatChangeSet('catalog', outcome, 'spendwise-catalog-staging').split('\n')).toEqual([
      'catalog: 1 change(s) (change set on spendwise-catalog-staging, deleted, not executed)',
      '  ~ AWS::DynamoDB::Table  CatalogTable  (replacement: True)',
    ]);
  });

  it('creates a CREATE change set for a stack that does not exist, and removes the empty stack it leaves', async () => {
    const aws = fakeAws({ stackExists: false });

    await describeChangeSet(request(), aws.clients);

    expect(aws.calls.find((c) => c.name === 'CreateChangeSet')?.input).toMatchObject({
      ChangeSetType: 'CREATE',
      TemplateBody: expect.stringContaining('CatalogTable'),
    });
    expect(aws.calls.map((c) => c.name).slice(-2)).toEqual(['DeleteChangeSet', 'DeleteStack']);
  });

  it('reports a change set with nothing to change as no changes, and still deletes it', async () => {
    const aws = fakeAws({
      stackExists: true,
      changeSetFails:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
    });

    expect(await describeChangeSet(request(), aws.clients)).toEqual({ kind: 'no-changes' });
    expect(aws.calls.map((c) => c.name)).toContain('DeleteChangeSet');
  });
});

describe('hasAwsCredentials', () => {
  it('sees keys, a web identity or a profile, and nothing in an empty environment', () => {
    expect(hasAwsCredentials({})).toBe(false);
    expect(hasAwsCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/token' })).toBe(true);
    expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: 'AKIA…' })).toBe(true);
  });
});
