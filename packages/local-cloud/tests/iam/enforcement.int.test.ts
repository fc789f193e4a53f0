/**
 * IAM enforced on the local cloud running the packaged templates, each with one permission taken away (a fixture
 * copy; the packaging cache is untouched): for every kind of caller, the call is denied with AWS's error and the
 * failure surfaces where AWS surfaces it.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StackInput } from '../../src/deploy/template';
import { type RunningLocalCloud, startLocalCloud } from '../../src/localCloud';
import { withoutAction, withoutResource, withoutResourceNamed } from '../../src/testing/templateEdits';

const rootDir = new URL('../../../../', import.meta.url).pathname.replace(/\/$/, '');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const account = '000000000000';
const region = 'eu-west-1';
let cloud: RunningLocalCloud;
let sqs: SQSClient;
let token: string;

/** The packaged templates, one permission fewer per kind of caller. */
const edits: ((stacks: StackInput[]) => StackInput[])[] = [
  // A function's SDK call: createExpense's role loses dynamodb:PutItem on the expenses table.
  (s) => withoutAction(s, 'expenses', 'CreateExpenseIamRoleLambdaExecution', 'dynamodb:PutItem'),
  // An HTTP API route: API Gateway loses its permission to invoke listExpenses.
  (s) => withoutResourceNamed(s, 'expenses', 'ListExpensesLambdaPermissionHttpApi'),
  // A rule target: the catalog-copy queue's policy no longer lets the rule send (its DLQ still does).
  (s) => withoutResource(s, 'expenses', 'CatalogCopyQueuePolicy', 'CatalogCopyQueue'),
  // An SNS subscription: the webhook queue's policy no longer lets the topic send (its DLQ still does).
  (s) => withoutResource(s, 'notifications', 'WebhookQueuePolicy', 'WebhookQueue'),
  // A schedule: its role loses lambda:InvokeFunction on the sweeper.
  (s) => withoutAction(s, 'insights', 'SweepUnfinishedReportsScheduleRole', 'lambda:InvokeFunction'),
  // An alarm action: the alarms topic's policy no longer lets CloudWatch publish.
  (s) => withoutAction(s, 'platform', 'AlarmsTopicPolicy', 'sns:Publish'),
  // A state machine task: the report workflow's role may no longer invoke loadReportData.
  (s) => withoutResource(s, 'insights', 'ReportWorkflowRole', 'LoadReportDataLambdaFunction'),
  // A rule target that is a log group: the audit log's Logs resource policy no longer lets EventBridge write.
  (s) => withoutAction(s, 'platform', 'AuditLogGroupPolicy', 'logs:PutLogEvents'),
  // An event source mapping whose role cannot read its source fails the deployment instead, as on AWS:
  // eventSourceMappings.int.test.ts.
];

const queueUrl = async (name: string) =>
  (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;

/** Receives from a queue until a message (that `wanted` accepts) arrives, or `timeoutMs` passes. */
async function receiveOne(name: string, wanted: (body: string) => boolean = () => true, timeoutMs = 30_000) {
  const url = await queueUrl(name);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    const message = Messages?.find((m) => wanted(m.Body ?? ''));
    if (message) return message;
  }
  throw new Error(`nothing arrived in ${name}`);
}

const denialsBy = (caller: string) => cloud.engines.iam.denials().filter((d) => d.caller.includes(caller));

beforeAll(async () => {
  cloud = await startLocalCloud({
    rootDir,
    dataDir: await mkdtemp(join(tmpdir(), 'spendwise-iam-')),
    awsPort: 0,
    apiBasePort: 0,
    webPort: 0,
    inMemory: true,
    iam: 'enforce',
    editTemplates: (stacks) => edits.reduce((edited, edit) => edit(edited), stacks),
  });
  sqs = new SQSClient({ endpoint: cloud.endpoints.awsEndpoint, region, credentials });
  token = await cloud.engines.auth.mintToken({ user: 'iam-alice' });
}, 600_000);

afterAll(() => cloud?.stop());

describe('IAM enforced on the packaged templates, one permission removed per kind of caller', () => {
  it("a function's SDK call: AccessDeniedException in the function's log, HTTP 500 to the client", async () => {
    const response = await fetch(`${cloud.endpoints.apis.expenses}/expenses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: { minorUnits: 990, currency: 'EUR' },
        date: new Date().toISOString().slice(0, 10),
      }),
    });

    expect(response.status).toBe(500);
    const log = await readFile(
      join(cloud.config.dataDir, 'logs', 'aws_lambda_spendwise-expenses-dev-createExpense.log'),
      'utf8',
    );
    expect(log).toContain('AccessDeniedException');
    expect(log).toContain(
      'assumed-role/spendwise-expenses-dev-createExpense-eu-west-1-lambdaRole/spendwise-expenses-dev-createExpense is not authorized to perform: dynamodb:PutItem',
    );
    const [denial] = denialsBy('function spendwise-expenses-dev-createExpense');
    expect(denial).toMatchObject({
      enforced: true,
      action: 'dynamodb:PutItem',
      resource: `arn:aws:dynamodb:${region}:${account}:table/spendwise-dev-expenses`,
      allowingStatement: {
        Effect: 'Allow',
        Action: 'dynamodb:PutItem',
        Resource: `arn:aws:dynamodb:${region}:${account}:table/spendwise-dev-expenses`,
      },
    });
  }, 60_000);

  it('an HTTP API route without its Lambda permission: 500, and the function never runs', async () => {
    const response = await fetch(`${cloud.endpoints.apis.expenses}/expenses`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    const [denial] = denialsBy('route GET /expenses');
    expect(denial).toMatchObject({
      principal: 'apigateway.amazonaws.com',
      action: 'lambda:InvokeFunction',
      resource: `arn:aws:lambda:${region}:${account}:function:spendwise-expenses-dev-listExpenses`,
    });
    expect(denial?.allowingStatement).toMatchObject({ Principal: { Service: 'apigateway.amazonaws.com' } });
  }, 60_000);

  it("a rule target whose queue policy refuses EventBridge: the event in the target's DLQ with NO_PERMISSIONS", async () => {
    await cloud.engines.events.putEvents([
      {
        EventBusName: 'spendwise-dev',
        Source: 'spendwise.catalog',
        DetailType: 'CategoryCreated',
        Detail: JSON.stringify({ data: { categoryId: 'c-iam' } }),
      },
    ]);

    const message = await receiveOne('spendwise-dev-expenses-catalog-copy-dlq');
    const attributes = message.MessageAttributes ?? {};
    expect(attributes.ERROR_CODE?.StringValue).toBe('NO_PERMISSIONS');
    expect(attributes.ERROR_MESSAGE?.StringValue).toContain(
      'User: events.amazonaws.com is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:eu-west-1:000000000000:spendwise-dev-expenses-catalog-copy',
    );
    expect(attributes.RULE_ARN?.StringValue).toContain(
      'rule/spendwise-dev/spendwise-dev-expenses-catalog-copy',
    );
    expect(attributes.RETRY_ATTEMPTS?.StringValue).toBe('0');
  }, 60_000);

  it('an SNS subscription whose queue policy refuses the topic: the message in the subscription DLQ', async () => {
    const sns = new SNSClient({ endpoint: cloud.endpoints.awsEndpoint, region, credentials });
    await sns.send(
      new PublishCommand({
        TopicArn: `arn:aws:sns:${region}:${account}:spendwise-dev-user-alerts`,
        Message: JSON.stringify({ alert: 'iam' }),
        MessageAttributes: { webhook: { DataType: 'String', StringValue: 'yes' } },
      }),
    );

    const message = await receiveOne('spendwise-dev-notifications-webhook-deliveries-dlq');
    expect(message.Body).toContain('iam');
    const [denial] = denialsBy(
      'topic arn:aws:sns:eu-west-1:000000000000:spendwise-dev-user-alerts subscription',
    );
    expect(denial).toMatchObject({
      principal: 'sns.amazonaws.com',
      action: 'sqs:SendMessage',
      context: { 'aws:SourceArn': `arn:aws:sns:${region}:${account}:spendwise-dev-user-alerts` },
    });
  }, 60_000);

  it("a schedule whose role may not invoke its target: not retried, the firing in the schedule's DLQ", async () => {
    const fired = cloud.engines.scheduler.runNow('spendwise-insights-dev-sweep-unfinished-reports', {
      asScheduled: true,
    });

    await expect(fired).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const message = await receiveOne('spendwise-insights-dev-sweep-unfinished-reports-dlq');
    const attributes = message.MessageAttributes ?? {};
    expect(attributes.ERROR_CODE?.StringValue).toBe('AccessDeniedException');
    expect(attributes.ERROR_MESSAGE?.StringValue).toMatch(
      /assumed-role\/.+ is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:.+:function:spendwise-insights-dev-sweepUnfinishedReports/,
    );
    expect(attributes.RETRY_ATTEMPTS?.StringValue).toBe('0');
  }, 60_000);

  it("an alarm whose topic policy refuses CloudWatch: the failed action in the alarm's history", async () => {
    await cloud.engines.alarms.evaluateNow();
    const alarm = cloud.engines.alarms.alarms().find((a) => a.name === 'spendwise-dev-audit-dlq-not-empty');

    const failed = alarm?.history?.find((item) => item.summary.startsWith('Failed to execute action'));
    expect(failed?.summary).toMatch(/^Failed to execute action arn:aws:sns:eu-west-1:000000000000:/);
    expect(failed?.error).toContain(
      'User: cloudwatch.amazonaws.com is not authorized to perform: sns:Publish',
    );
  }, 60_000);

  it('a state machine task its role may not invoke: the execution fails with the error in its history', async () => {
    const machine = cloud.engines.sfn
      .stateMachines()
      .find((m) => m.name.startsWith('spendwise-insights-dev-report'));
    expect(machine).toBeDefined();
    const month = new Date().toISOString().slice(0, 7);
    const { executionArn } = await cloud.engines.sfn.startExecution(
      machine!.stateMachineArn,
      JSON.stringify({ userId: 'u-iam', month, reportId: 'r-iam', correlationId: 'c-iam' }),
    );
    const execution = await cloud.engines.sfn.waitForExecution(executionArn);

    expect(execution.status).toBe('FAILED');
    const taskFailed = execution.history.find((event) => event.type === 'LambdaFunctionFailed');
    expect(JSON.stringify(taskFailed)).toContain('Lambda.AccessDeniedException');
    expect(JSON.stringify(taskFailed)).toContain('is not authorized to perform: lambda:InvokeFunction');
  }, 120_000);

  it("a rule delivering to a log group the Logs resource policy does not open: the event in the rule's DLQ, nothing logged", async () => {
    const rule = `arn:aws:events:${region}:${account}:rule/spendwise-dev/spendwise-dev-audit`;
    const group = '/aws/events/spendwise-dev/audit';
    const from = new Date();
    const marker = `audit-${from.getTime()}`;
    await cloud.engines.events.putEvents([
      {
        EventBusName: 'spendwise-dev',
        Source: 'spendwise.iam-test',
        DetailType: 'AuditProbe',
        Detail: JSON.stringify({ marker }),
      },
    ]);

    // Every event on the bus is audited: ours is the one with the marker.
    const message = await receiveOne('spendwise-dev-audit-dlq', (body) => body.includes(marker));
    const { id } = JSON.parse(message.Body!) as { id: string };
    const attributes = message.MessageAttributes ?? {};
    expect(attributes.ERROR_CODE?.StringValue).toBe('NO_PERMISSIONS');
    expect(attributes.ERROR_MESSAGE?.StringValue).toBe(
      `User: events.amazonaws.com is not authorized to perform: logs:PutLogEvents on resource: arn:aws:logs:${region}:${account}:log-group:${group}:log-stream:${id} because no resource-based policy allows the logs:PutLogEvents action`,
    );
    expect(attributes.RULE_ARN?.StringValue).toBe(rule);
    expect(attributes.RETRY_ATTEMPTS?.StringValue).toBe('0');
    // Refused before the write, counted failed before the dead letter: both are known once it is in the DLQ.
    expect(cloud.logs.lines(group).filter((line) => line.line.includes(marker))).toEqual([]);
    const failed = cloud.engines.metrics.statistic(
      { namespace: 'AWS/Events', name: 'FailedInvocations', dimensions: { RuleName: 'spendwise-dev-audit' } },
      'Sum',
      from,
      new Date(Date.now() + 1_000),
    );
    expect(failed).toBeGreaterThanOrEqual(1);
    const [denial] = denialsBy(`rule ${rule} →`).filter((d) => d.resource.endsWith(`:log-stream:${id}`));
    expect(denial).toMatchObject({
      enforced: true,
      principal: 'events.amazonaws.com',
      action: 'logs:PutLogEvents',
      context: { 'aws:SourceArn': rule },
      allowingStatement: {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'logs:PutLogEvents',
        Resource: `arn:aws:logs:${region}:${account}:log-group:${group}:log-stream:${id}`,
        Condition: { ArnEquals: { 'aws:SourceArn': rule } },
      },
    });
  }, 60_000);

  it('event source mappings whose function roles may read their sources: each created, none refused', async () => {
    // Lambda checks a mapping's role when the mapping is created: the shipped roles pass, so the start succeeded.
    const queues = cloud.engines.sqs.mappings().map((mapping) => mapping.queueArn.split(':').pop());
    expect(queues.sort()).toEqual([
      'spendwise-dev-expenses-catalog-copy',
      'spendwise-dev-expenses-receipts',
      'spendwise-dev-insights-spending',
      'spendwise-dev-notifications-alerts',
      'spendwise-dev-notifications-ops',
      'spendwise-dev-notifications-webhook-deliveries',
    ]);
    expect(denialsBy('event source mapping')).toEqual([]);
  });
});
