/**
 * IAM's cost on the request path (`pnpm exec tsx bench/iam-request-path.ts`): what `IamEnforcement.authorizeRequest`
 * adds to one DynamoDB PutItem a function signs, against the packaged templates' policies — the body parsed, the
 * checks worked out, the decision taken from the cache (the common case of a running system) or evaluated.
 */
import { functionCredentials } from '@spendwise/local-cloud/iam/credentials';
import { IamEnforcement } from '@spendwise/local-cloud/iam/enforcement';
import { deployPackagedTemplates } from '@spendwise/local-cloud/testing/packagedDeployment';

const rootDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const ROUNDS = 20_000;
const { cloud, stacks } = await deployPackagedTemplates(rootDir);
const iam = new IamEnforcement('enforce', cloud.config);
iam.load(stacks);
const fn = 'spendwise-expenses-dev-createExpense';
const key = functionCredentials(cloud.config.accountId, fn).AccessKeyId;
const request = (user: number) => ({
  service: 'dynamodb',
  protocol: 'json' as const,
  action: 'PutItem',
  target: 'DynamoDB_20120810.PutItem',
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.from(
    JSON.stringify({
      TableName: 'spendwise-dev-expenses',
      Item: { PK: { S: `USER#${user}` }, SK: { S: 'EXPENSE#1' }, amount: { N: '990' } },
    }),
  ),
  http2: false,
});
const time = async (label: string, make: (i: number) => ReturnType<typeof request>, rounds: number) => {
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) await iam.authorizeRequest(make(i), key);
  const us = ((performance.now() - started) * 1000) / rounds;
  process.stdout.write(`${label}: ${us.toFixed(1)} µs per request (${rounds} requests)\n`);
};
await time('same user again (cache hit)', () => request(0), ROUNDS);
await time('a new user each time (cache miss: leading key in the context)', (i) => request(i + 1), 2_000);
