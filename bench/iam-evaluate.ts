/**
 * `pnpm bench:iam`: how fast the local cloud's IAM evaluation is (ADR 28). Prints figures only; nothing here
 * passes or fails.
 *
 * Deploys the packaged templates of every compose service with providers that only name resources, collects
 * their policies, then times N evaluations (default 10 000, `BENCH_IAM_N`) of a function's DynamoDB write with
 * its leading key, an EventBridge delivery to a queue through its policy, and a denied call:
 * - `runSimulation` as the authoriser calls it, without its decision cache (each a distinct leading key);
 * - the authoriser with its cache (the same request again, the common case of a running system);
 * - `runUnsafeSimulation` (no validation, no explanation), for comparison.
 */

import { Authorizer, runSimulation, runUnsafeSimulation } from '@spendwise/local-cloud/iam/authorize';
import { collectPolicies } from '@spendwise/local-cloud/iam/policies';
import { deployPackagedTemplates } from '@spendwise/local-cloud/testing/packagedDeployment';

const rootDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const N = Number(process.env.BENCH_IAM_N ?? 10_000);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function time(label: string, run: (i: number) => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < 200; i++) await run(-1 - i); // warm-up
  const started = performance.now();
  for (let i = 0; i < N; i++) await run(i);
  const ms = performance.now() - started;
  say(
    `${label.padEnd(62)} ${N} in ${ms.toFixed(0).padStart(6)} ms  (${((ms / N) * 1000).toFixed(0)} µs each)`,
  );
}

async function main(): Promise<void> {
  const { cloud, stacks } = await deployPackagedTemplates(rootDir);
  const where = cloud.config;
  const policies = collectPolicies(stacks, where);
  const role = policies.functionRoles.get(
    'arn:aws:lambda:eu-west-1:000000000000:function:spendwise-expenses-dev-createExpense',
  )!;
  const table = 'arn:aws:dynamodb:eu-west-1:000000000000:table/spendwise-dev-expenses';
  const queue = 'arn:aws:sqs:eu-west-1:000000000000:spendwise-dev-insights-spending';
  const rule = 'arn:aws:events:eu-west-1:000000000000:rule/spendwise-dev/spendwise-dev-insights-spending';
  const identityPolicies = policies.roles
    .get(role)!
    .policies.map((p) => ({ name: p.name, policy: p.document }));
  const queuePolicy = policies.resourcePolicies.get(queue)![0]!.document;
  say(
    `${policies.roles.size} roles, ${policies.resourcePolicies.size} resource policies; createExpense's role has ${identityPolicies.length} policy`,
  );

  const write = (i: number) => ({
    request: {
      principal: role,
      action: 'dynamodb:PutItem',
      resource: { resource: table, accountId: '000000000000' },
      contextVariables: { 'dynamodb:LeadingKeys': [`USER#${i}`], 'aws:SecureTransport': 'true' },
    },
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  });
  await time('runSimulation: function role, PutItem (allowed)', (i) => runSimulation(write(i), {}));
  await time('runSimulation: events.amazonaws.com → queue policy (allowed)', () =>
    runSimulation(
      {
        request: {
          principal: 'events.amazonaws.com',
          action: 'sqs:SendMessage',
          resource: { resource: queue, accountId: '000000000000' },
          contextVariables: { 'aws:SourceArn': rule },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: queuePolicy,
      },
      {},
    ),
  );
  await time('runUnsafeSimulation: function role, PutItem (no validation)', (i) =>
    runUnsafeSimulation(write(i), {}),
  );

  const uncached = new Authorizer(policies, where, { cacheSize: 0 });
  await time('Authorizer, no cache: PutItem, distinct leading keys', (i) =>
    uncached.authorize({
      principal: role,
      action: 'dynamodb:PutItem',
      resource: table,
      context: { 'dynamodb:LeadingKeys': [`USER#${i}`] },
    }),
  );
  await time('Authorizer, no cache: DeleteItem (implicitly denied)', () =>
    uncached.authorize({ principal: role, action: 'dynamodb:DeleteItem', resource: table }),
  );
  const cached = new Authorizer(policies, where);
  await time('Authorizer, cached: the same PutItem again', () =>
    cached.authorize({
      principal: role,
      action: 'dynamodb:PutItem',
      resource: table,
      context: { 'dynamodb:LeadingKeys': ['USER#a'] },
    }),
  );
}

await main();
