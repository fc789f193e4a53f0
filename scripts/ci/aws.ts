/**
 * What the deploy planner asks of AWS: the commit a stage last deployed (an SSM parameter) and a
 * CloudFormation change set that is created, described and deleted — never executed.
 */
import { readFile } from 'node:fs/promises';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/** True when the environment names credentials the SDK will find (keys, a web identity, a profile, a container). */
export function hasAwsCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(
    env.AWS_ACCESS_KEY_ID ||
      env.AWS_WEB_IDENTITY_TOKEN_FILE ||
      env.AWS_PROFILE ||
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
      env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
  );
}

/** The SSM parameter holding the commit a stage's last complete deploy was made from. */
export const deployedCommitParameter = (stage: string) => `/spendwise/${stage}/deploy/commit`;

export async function readDeployedCommit(stage: string, region: string): Promise<string | undefined> {
  const ssm = new SSMClient({ region });
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: deployedCommitParameter(stage) }));
    return out.Parameter?.Value;
  } catch (error) {
    if ((error as { name?: string }).name === 'ParameterNotFound') return undefined;
    throw error;
  }
}

export async function recordDeployedCommit(stage: string, region: string, commit: string): Promise<void> {
  const ssm = new SSMClient({ region });
  await ssm.send(
    new PutParameterCommand({
      Name: deployedCommitParameter(stage),
      Value: commit,
      Type: 'String',
      Overwrite: true,
      Description: 'Commit of the last complete Spendwise deploy of this stage (pnpm deploy:stage)',
    }),
  );
}

/** One row of a described change set. */
export interface ChangeRow {
  action: string;
  logicalId: string;
  type: string;
  replacement?: string;
}

export interface ChangeSetRequest {
  stackName: string;
  region: string;
  templatePath: string;
  /** A short name part that tells runs apart (the head commit). */
  label: string;
}

/** The clients describeChangeSet uses (the SDK's by default; fakes in unit tests). */
export interface ChangeSetClients {
  cfn: { send: CloudFormationClient['send'] };
  s3: { send: S3Client['send'] };
}

export type ChangeSetOutcome =
  | { kind: 'changes'; rows: ChangeRow[] }
  | { kind: 'no-changes' }
  | { kind: 'failed'; reason: string };

/**
 * Creates a change set for the packaged template, waits for it, lists its changes, then deletes it (and the
 * empty stack a CREATE change set leaves behind). The template goes through the stack's deployment bucket,
 * since packaged templates outgrow the 51,200-byte TemplateBody limit; the function code is not uploaded,
 * which CloudFormation does not check before execution.
 */
export async function describeChangeSet(
  request: ChangeSetRequest,
  clients: ChangeSetClients = {
    cfn: new CloudFormationClient({ region: request.region }),
    s3: new S3Client({ region: request.region }),
  },
): Promise<ChangeSetOutcome> {
  const { cfn, s3 } = clients;
  const existing = await stackOutputs(cfn, request.stackName);
  const body = await readFile(request.templatePath, 'utf8');
  const name = `spendwise-plan-${request.label}-${Date.now()}`;
  let uploaded: { bucket: string; key: string } | undefined;
  let templateSource: { TemplateBody: string } | { TemplateURL: string };
  const bucket = existing?.ServerlessDeploymentBucketName;
  if (bucket) {
    const key = `changesets/${name}.json`;
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
    );
    uploaded = { bucket, key };
    templateSource = { TemplateURL: `https://${bucket}.s3.${request.region}.amazonaws.com/${key}` };
  } else if (Buffer.byteLength(body) <= 51_200) {
    templateSource = { TemplateBody: body };
  } else {
    return {
      kind: 'failed',
      reason: `stack ${request.stackName} has no deployment bucket yet and the template is over 51,200 bytes`,
    };
  }
  try {
    await cfn.send(
      new CreateChangeSetCommand({
        StackName: request.stackName,
        ChangeSetName: name,
        ChangeSetType: existing ? 'UPDATE' : 'CREATE',
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
        ...templateSource,
      }),
    );
    const described = await waitForChangeSet(cfn, request.stackName, name);
    if (described.Status === 'FAILED') {
      const reason = described.StatusReason ?? 'unknown';
      // CloudFormation fails a change set that changes nothing; that is an answer, not an error.
      if (/didn't contain changes|No updates are to be performed/i.test(reason))
        return { kind: 'no-changes' };
      return { kind: 'failed', reason };
    }
    const rows = (described.Changes ?? []).map((change) => ({
      action: change.ResourceChange?.Action ?? '?',
      logicalId: change.ResourceChange?.LogicalResourceId ?? '?',
      type: change.ResourceChange?.ResourceType ?? '?',
      ...(change.ResourceChange?.Replacement ? { replacement: change.ResourceChange.Replacement } : {}),
    }));
    return { kind: 'changes', rows };
  } finally {
    await cfn
      .send(new DeleteChangeSetCommand({ StackName: request.stackName, ChangeSetName: name }))
      .catch(() => undefined);
    // A CREATE change set leaves a stack in REVIEW_IN_PROGRESS with no resources: remove it too.
    if (!existing)
      await cfn.send(new DeleteStackCommand({ StackName: request.stackName })).catch(() => undefined);
    if (uploaded) {
      await s3
        .send(new DeleteObjectCommand({ Bucket: uploaded.bucket, Key: uploaded.key }))
        .catch(() => undefined);
    }
  }
}

async function stackOutputs(
  cfn: ChangeSetClients['cfn'],
  stackName: string,
): Promise<Record<string, string> | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = out.Stacks?.[0];
    if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS') return undefined;
    return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

async function waitForChangeSet(
  cfn: ChangeSetClients['cfn'],
  stackName: string,
  name: string,
): Promise<DescribeChangeSetCommandOutput> {
  // Polls on a condition (the change set's status), up to 5 minutes; CloudFormation usually answers in seconds.
  const deadline = Date.now() + 300_000;
  let described: DescribeChangeSetCommandOutput;
  let changes: DescribeChangeSetCommandOutput['Changes'] = [];
  let token: string | undefined;
  for (;;) {
    described = await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: name }));
    if (described.Status === 'CREATE_COMPLETE' || described.Status === 'FAILED') break;
    if (Date.now() > deadline)
      throw new Error(`change set ${name} still ${described.Status} after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
  changes = [...(described.Changes ?? [])];
  token = described.NextToken;
  while (token) {
    const page = await cfn.send(
      new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: name, NextToken: token }),
    );
    changes.push(...(page.Changes ?? []));
    token = page.NextToken;
  }
  return { ...described, Changes: changes };
}

/** Text of a described change set, in the offline diff's shape. */
export function formatChangeSet(service: string, outcome: ChangeSetOutcome, stackName: string): string {
  if (outcome.kind === 'no-changes') return `${service}: no changes (change set on ${stackName})`;
  if (outcome.kind === 'failed') return `${service}: change set on ${stackName} failed: ${outcome.reason}`;
  const sign: Record<string, string> = { Add: '+', Modify: '~', Remove: '-', Import: '>', Dynamic: '?' };
  const width = Math.max(0, ...outcome.rows.map((r) => r.type.length));
  return [
    `${service}: ${outcome.rows.length} change(s) (change set on ${stackName}, deleted, not executed)`,
    ...outcome.rows.map(
      (row) =>
        `  ${sign[row.action] ?? row.action} ${row.type.padEnd(width)}  ${row.logicalId}` +
        (row.replacement && row.replacement !== 'False' ? `  (replacement: ${row.replacement})` : ''),
    ),
  ].join('\n');
}
