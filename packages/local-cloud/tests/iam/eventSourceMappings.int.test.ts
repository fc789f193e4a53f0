/**
 * Lambda checks an event source mapping's role when the mapping is created: a packaged template whose function
 * role cannot read its queue or stream fails to deploy, as `osls deploy` fails on AWS (the stack, the mapping and
 * the missing action named); in `report` mode the refusal is recorded and the start goes on.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { StackInput } from '../../src/deploy/template';
import type { IamMode } from '../../src/iam/enforcement';
import { type RunningLocalCloud, startLocalCloud } from '../../src/localCloud';
import { withoutAction } from '../../src/testing/templateEdits';

const rootDir = new URL('../../../../', import.meta.url).pathname.replace(/\/$/, '');
const account = '000000000000';
const region = 'eu-west-1';
const receipts = `arn:aws:sqs:${region}:${account}:spendwise-dev-expenses-receipts`;
const checkReceiptRole = `arn:aws:iam::${account}:role/spendwise-expenses-dev-checkReceipt-${region}-lambdaRole`;
const catalogRelayRole = `arn:aws:iam::${account}:role/spendwise-catalog-dev-relayOutbox-${region}-lambdaRole`;

// checkReceipt's role loses sqs:ReceiveMessage on the receipts queue; the catalog relay's, GetShardIterator.
const withoutReceive = (stacks: StackInput[]) =>
  withoutAction(stacks, 'expenses', 'CheckReceiptIamRoleLambdaExecution', 'sqs:ReceiveMessage');
const withoutShardIterator = (stacks: StackInput[]) =>
  withoutAction(stacks, 'catalog', 'RelayOutboxIamRoleLambdaExecution', 'dynamodb:GetShardIterator');

let running: RunningLocalCloud | undefined;
afterAll(() => running?.stop());

async function start(
  iam: IamMode,
  editTemplates: (stacks: StackInput[]) => StackInput[],
  progress: string[],
) {
  running = await startLocalCloud({
    rootDir,
    dataDir: await mkdtemp(join(tmpdir(), 'spendwise-iam-esm-')),
    awsPort: 0,
    apiBasePort: 0,
    webPort: 0,
    inMemory: true,
    iam,
    editTemplates,
    progress: (line) => progress.push(line),
  });
  return running;
}

/** Waits for a condition the local cloud reports (not for a fixed time); fails after `timeoutMs`. */
async function waitUntil(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('an event source mapping whose function role cannot read its source', () => {
  it('fails the deployment of its stack in enforce mode, as Lambda refuses a queue mapping', async () => {
    const progress: string[] = [];

    await expect(start('enforce', withoutReceive, progress)).rejects.toThrow(
      `stack expenses: creating CheckReceiptEventSourceMappingSQSReceiptsQueue (AWS::Lambda::EventSourceMapping) failed: InvalidParameterValueException: The function execution role does not have permissions to call ReceiveMessage on SQS (the role ${checkReceiptRole} may not sqs:ReceiveMessage on ${receipts})`,
    );
    // The stacks after it are not deployed (osls deploy stops at the failed stack).
    expect(progress.filter((line) => line.startsWith('deploying '))).toEqual([
      expect.stringMatching(/^deploying platform /),
      expect.stringMatching(/^deploying expenses /),
    ]);
  }, 180_000);

  it('fails it for a stream mapping, in the words Lambda uses for streams', async () => {
    await expect(start('enforce', withoutShardIterator, [])).rejects.toThrow(
      new RegExp(
        // The stream's ARN is the table's StreamArn as DynamoDB Local gives it (region `ddblocal`).
        `^stack catalog: creating RelayOutboxEventSourceMappingDynamodbCatalogTable \\(AWS::Lambda::EventSourceMapping\\) failed: InvalidParameterValueException: Cannot access stream (arn:aws:dynamodb:[^:]+:${account}:table/spendwise-dev-catalog/stream/\\S+)\\. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM\\. \\(the role ${catalogRelayRole} may not dynamodb:GetShardIterator on \\1\\)$`,
      ),
    );
  }, 180_000);

  it('is recorded as a would-be refusal in report mode, and the start goes on', async () => {
    const cloud = await start('report', (stacks) => withoutShardIterator(withoutReceive(stacks)), []);

    const refused = cloud.engines.iam
      .denials()
      .filter((d) => d.caller.startsWith('creating event source mapping'));
    expect(refused).toEqual([
      expect.objectContaining({
        enforced: false,
        caller: `creating event source mapping expenses/CheckReceiptEventSourceMappingSQSReceiptsQueue (${receipts} → arn:aws:lambda:${region}:${account}:function:spendwise-expenses-dev-checkReceipt)`,
        principal: checkReceiptRole,
        action: 'sqs:ReceiveMessage',
        message: 'The function execution role does not have permissions to call ReceiveMessage on SQS',
        allowingStatement: { Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: receipts },
      }),
      expect.objectContaining({
        enforced: false,
        principal: catalogRelayRole,
        action: 'dynamodb:GetShardIterator',
        resource: expect.stringMatching(/:table\/spendwise-dev-catalog\/stream\//),
        message: expect.stringMatching(
          /^Cannot access stream arn:aws:dynamodb:.+ListStreams Actions on your stream in IAM\.$/,
        ),
      }),
    ]);
    // The mapping was created and polls: each poll is a would-be denial too (the check of every poll is kept).
    expect(cloud.engines.sqs.mappings().map((m) => m.queueArn)).toContain(receipts);
    await cloud.engines.sqs.send(receipts, { body: JSON.stringify({ probe: 'iam' }) });
    await waitUntil(
      () => cloud.engines.iam.denials().some((d) => d.caller.startsWith(`event source mapping ${receipts} `)),
      30_000,
    );
  }, 180_000);
});
