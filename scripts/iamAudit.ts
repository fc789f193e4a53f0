/**
 * `pnpm iam:audit [--all]`: what the local cloud's IAM enforcement would
 * deny in the deployment of every compose service, before any request is made. Figures only; it asserts nothing.
 *
 * 1. The engines' calls on behalf of deployed resources (rule and subscription deliveries, HTTP API and scheduler
 *    invocations, alarm actions, state machine tasks, event source mappings, destinations, function logs), each
 *    as the principal AWS would authorise it (`deliveries.ts`).
 * 2. Per function, the AWS SDK operations its source can call (`functionCalls.ts`) on the resources its
 *    environment names, as its role. Per imported file, so an upper bound: a denial is a candidate to read the
 *    code for.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { deployStacks } from '@spendwise/local-cloud/deploy/deployStacks';
import { Authorizer } from '@spendwise/local-cloud/iam/authorize';
import { plannedDeliveries } from '@spendwise/local-cloud/iam/deliveries';
import {
  type EnvironmentResources,
  functionChecks,
  sourceOperations,
} from '@spendwise/local-cloud/iam/functionCalls';
import { collectPolicies, type PolicySet } from '@spendwise/local-cloud/iam/policies';
import { deployPackagedTemplates } from '@spendwise/local-cloud/testing/packagedDeployment';

const rootDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const all = process.argv.includes('--all');
const say = (line: string) => process.stdout.write(`${line}\n`);

/** `@spendwise/<package>[/<sub>]` → its source file (the packages export `./src/index.ts` and `./src/*.ts`). */
function workspace(specifier: string): string | undefined {
  const [, name = '', ...sub] = specifier
    .replace('@spendwise/', '@spendwise/ ')
    .split(/[ /]/)
    .filter(Boolean)
    .slice(0);
  const dir = join(rootDir, 'packages', name, 'src');
  const file = sub.length > 0 ? join(dir, `${sub.join('/')}.ts`) : join(dir, 'index.ts');
  return existsSync(file) ? file : undefined;
}

type Stacks = Awaited<ReturnType<typeof deployStacks>>['stacks'];
type Where = { region: string; accountId: string };

async function main(): Promise<void> {
  const { inputs, stacks, cloud } = await deployPackagedTemplates(rootDir);
  const where = cloud.config;
  const policies = collectPolicies(stacks, where);
  const authorizer = new Authorizer(policies, where);
  say(
    `${policies.roles.size} roles, ${policies.functionRoles.size} functions, ${policies.resourcePolicies.size} resource policies`,
  );
  for (const gap of policies.gaps) say(`  gap: ${gap.stack}/${gap.logicalId}: ${gap.reason}`);
  await auditDeliveries(stacks, policies, authorizer, where);
  await auditFunctions(inputs, stacks, policies, authorizer, where);
}

/** Every engine call on behalf of the deployed resources (the denied ones, or all with --all). */
async function auditDeliveries(
  stacks: Stacks,
  policies: PolicySet,
  authorizer: Authorizer,
  where: Where,
): Promise<void> {
  say("\n## The engines' calls on behalf of deployed resources");
  const calls = plannedDeliveries(stacks, policies, where);
  let denied = 0;
  const started = performance.now();
  for (const call of calls) {
    const decision = await authorizer.authorize({ principal: call.principal, ...call.check });
    if (decision.decision === 'allow' && !all) continue;
    if (decision.decision !== 'allow') denied += 1;
    say(`  ${decision.decision.padEnd(13)} ${call.caller}\n                ${decision.explanation}`);
  }
  say(`  ${calls.length} calls, ${denied} denied (${Math.round(performance.now() - started)} ms)`);
}

/** The resources each function's environment names, by the deployed resources' names. */
function environmentReader(stacks: Stacks): (props: Record<string, unknown>) => EnvironmentResources {
  const deployed = stacks.flatMap((stack) => [...stack.resources.values()]);
  const refsOf = (type: string) => new Set(deployed.filter((d) => d.type === type).map((d) => d.ref));
  const tables = refsOf('AWS::DynamoDB::Table');
  const buckets = refsOf('AWS::S3::Bucket');
  const queues = refsOf('AWS::SQS::Queue');
  const topics = refsOf('AWS::SNS::Topic');
  const buses = refsOf('AWS::Events::EventBus');
  const machines = refsOf('AWS::StepFunctions::StateMachine');
  const functions = refsOf('AWS::Lambda::Function');
  const secrets = new Set(
    deployed
      .filter((d) => d.type === 'AWS::SecretsManager::Secret')
      .flatMap((d) => [d.ref, String(d.properties?.Name ?? '')]),
  );
  return (props) => {
    const variables = ((props.Environment as Record<string, unknown> | undefined)?.Variables ?? {}) as Record<
      string,
      string
    >;
    const values = Object.entries(variables).filter(([, value]) => typeof value === 'string' && value !== '');
    const pick = (test: (name: string, value: string) => boolean) =>
      values.filter(([n, v]) => test(n, v)).map(([, v]) => v);
    return {
      dynamodb: pick((n, v) => tables.has(v) && !n.includes('IDEMPOTENCY')),
      idempotency: pick((n, v) => tables.has(v) && n.includes('IDEMPOTENCY')),
      s3: pick((_, v) => buckets.has(v)),
      sqs: pick((_, v) => queues.has(v) || [...queues].some((q) => q.endsWith(`/${v.split(':').pop()}`))),
      sns: pick((_, v) => topics.has(v)),
      events: pick((_, v) => buses.has(v)),
      states: pick((_, v) => machines.has(v)),
      lambda: pick((_, v) => functions.has(v)),
      ssm: pick((n, v) => v.startsWith('/') && !n.includes('PATH')),
      secretsmanager: pick((_, v) => secrets.has(v)),
      bedrock: pick((n) => n.includes('MODEL_ID')),
    };
  };
}

/** The SDK operations of each function's code that its role would not allow (an upper bound, per file). */
async function auditFunctions(
  inputs: Awaited<ReturnType<typeof deployPackagedTemplates>>['inputs'],
  stacks: Stacks,
  policies: PolicySet,
  authorizer: Authorizer,
  where: Where,
): Promise<void> {
  say("\n## The SDK operations of each function's code, on the resources its environment names, as its role");
  const environmentOf = environmentReader(stacks);
  let candidates = 0;
  for (const stack of stacks) {
    for (const resource of stack.resources.values()) {
      if (resource.type !== 'AWS::Lambda::Function') continue;
      const props = resource.properties ?? {};
      const dir = inputs.find((input) => input.name === stack.name)?.dir ?? '';
      const entry = join(dir, `${String(props.Handler).replace(/\.[^./]+$/, '')}.ts`);
      const role = policies.functionRoles.get(String(resource.attributes.Arn)) ?? '';
      const lines = await functionDenials(entry, environmentOf(props), role, authorizer, where);
      candidates += lines.filter((line) => !line.trimStart().startsWith('unresolved')).length;
      if (lines.length > 0 || all) say(`  ${stack.name}/${resource.ref}\n${lines.join('\n')}`);
    }
  }
  say(
    `  ${candidates} candidate denials (operations its code can call that the role does not allow; per imported file: read the code to confirm)`,
  );
}

/** One function's lines: each operation of its code its role does not allow, or whose resource is unknown. */
async function functionDenials(
  entry: string,
  env: EnvironmentResources,
  role: string,
  authorizer: Authorizer,
  where: Where,
): Promise<string[]> {
  const lines: string[] = [];
  for (const operation of sourceOperations(entry, workspace)) {
    for (const check of functionChecks(operation, env, where)) {
      const decision = await authorizer.authorize({ principal: role, ...check });
      if (decision.decision === 'allow') continue;
      const file = operation.file?.replace(`${rootDir}/`, '') ?? '?';
      lines.push(
        check.unresolved
          ? `    unresolved    ${operation.operation}: ${check.action} (${check.unresolved}; no resource of the role allows it) [${file}]`
          : `    ${decision.decision.padEnd(13)} ${operation.operation}: ${check.action} on ${check.resource} [${file}]`,
      );
    }
  }
  return lines;
}

await main();
