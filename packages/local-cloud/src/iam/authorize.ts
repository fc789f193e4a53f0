/**
 * Authorises one action on one resource the way AWS does, with `@cloud-copilot/iam-simulate` (ADR 28): the
 * principal's identity policies (inline, customer managed, AWS::IAM::Policy), the resource's policy, explicit
 * deny first, wildcards, NotAction / NotResource and every condition operator.
 */
import {
  createValidatedPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
} from '@cloud-copilot/iam-policy';
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import {
  type NamedPolicy,
  type PolicySet,
  resourcePolicyFor,
  type Statement,
  statementsOf,
} from './policies';
import type { AuthorizationCheck, ContextValues } from './resources';

/** The simulator's entry points, for the bench (`bench/iam-evaluate.ts`) outside this package. */
export { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';

/** Who calls: the developer (`admin`, full access), an IAM role's ARN, or an AWS service principal (`events.amazonaws.com`). */
export type Principal = 'admin' | string;

export interface AuthorizeRequest {
  principal: Principal;
  action: string;
  resource: string;
  /** Request context (`dynamodb:LeadingKeys`, `aws:SourceArn`, …); the global keys below are added when absent. */
  context?: ContextValues;
  /**
   * Matches `resource` against the statements as they are written even for an action IAM grants on `*` only
   * (`dynamodb:ListStreams`), which the simulator otherwise refuses to evaluate on an ARN: Lambda's check of an
   * event source mapping's role asks for ListStreams on the stream (`IamEnforcement.checkCreation`).
   */
  matchAsWritten?: boolean;
}

export interface MatchedStatement {
  /** `identity` (a policy of the principal's role) or `resource` (the resource's policy). */
  kind: 'identity' | 'resource';
  /** The policy's name: `<stack>/<logicalId>[/<PolicyName>]`. */
  policy: string;
  sid?: string;
  /** 1-based, as IAM's console numbers them. */
  index: number;
  effect: 'Allow' | 'Deny';
  statement: Statement;
}

export interface Decision {
  decision: 'allow' | 'deny' | 'implicit-deny';
  /** The statements that decided: the denying ones for `deny`, the allowing ones for `allow`, none otherwise. */
  statements: MatchedStatement[];
  /** One line for a person: who, what, on what, and why. */
  explanation: string;
  /** Set when the simulator refused the request (unknown action, ARN of no resource type the action takes). */
  error?: string;
}

/** Global condition keys every request carries on AWS that the project's policies may test. */
function globalContext(
  request: AuthorizeRequest,
  where: { region: string; accountId: string },
  now: Date,
): ContextValues {
  const context: ContextValues = {
    // The SDKs reach AWS over HTTPS; the local endpoint's plain HTTP stands for it.
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': where.region,
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
  if (request.principal.startsWith('arn:')) {
    context['aws:PrincipalArn'] = request.principal;
    context['aws:PrincipalAccount'] = request.principal.split(':')[4] ?? where.accountId;
    context['aws:PrincipalType'] = 'AssumedRole';
  }
  return context;
}

const validatedCache = new WeakMap<NamedPolicy, unknown>();

/**
 * Evaluates requests against a deployment's policies. Decisions are cached per request (the policies do not
 * change after deployment; the cache ignores the time keys).
 *
 * @example const authorizer = new Authorizer(collectPolicies(stacks, config), config);
 *   const { decision } = await authorizer.authorize({ principal: roleArn, action: 'sqs:SendMessage', resource: queueArn });
 */
export class Authorizer {
  private readonly cache = new Map<string, Decision>();
  /** Policies the simulator found invalid, by name (skipped, as AWS would have refused them). */
  readonly invalidPolicies = new Map<string, string>();

  constructor(
    private readonly policies: PolicySet,
    private readonly where: { region: string; accountId: string },
    /**
     * `cacheSize`: decisions kept (default 10 000; 0 keeps none). `now`: the local cloud's clock, for
     * `aws:CurrentTime` / `aws:EpochTime` (default the wall clock).
     */
    private readonly options: { cacheSize?: number; now?: () => number } = {},
  ) {}

  async authorize(request: AuthorizeRequest): Promise<Decision> {
    if (request.principal === 'admin') {
      return {
        decision: 'allow',
        statements: [],
        explanation: `${request.action} on ${request.resource}: the developer's own call, full access`,
      };
    }
    const key = JSON.stringify([
      request.principal,
      request.action,
      request.resource,
      request.context ?? {},
      request.matchAsWritten === true,
    ]);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const decision = await this.evaluate(request);
    const limit = this.options.cacheSize ?? 10_000;
    if (limit === 0) return decision;
    if (this.cache.size >= limit) this.cache.clear();
    this.cache.set(key, decision);
    return decision;
  }

  /** Authorises every check of a request; the first denial decides (explicit denials before implicit ones). */
  async authorizeAll(
    principal: Principal,
    checks: readonly AuthorizationCheck[],
  ): Promise<Decision & { check?: AuthorizationCheck }> {
    const decisions = await Promise.all(
      checks.map(async (check) => ({ ...(await this.authorize({ principal, ...check })), check })),
    );
    return (
      decisions.find((d) => d.decision === 'deny') ??
      decisions.find((d) => d.decision === 'implicit-deny') ??
      decisions[0] ?? { decision: 'allow', statements: [], explanation: 'nothing to authorise' }
    );
  }

  private async evaluate(request: AuthorizeRequest): Promise<Decision> {
    const service = !request.principal.startsWith('arn:');
    const role = service ? undefined : this.policies.roles.get(request.principal);
    const identity = (role?.policies ?? []).map((policy) => ({
      name: policy.name,
      policy: this.validated(policy, 'identity'),
    }));
    const resourcePolicies = resourcePolicyFor(this.policies, request.resource);
    const resourcePolicy = mergedResourcePolicy(resourcePolicies);
    const simulation: Simulation = {
      request: {
        principal: request.principal,
        action: request.action,
        resource: {
          resource: request.resource,
          accountId: accountOf(request.resource) ?? this.where.accountId,
        },
        contextVariables: {
          ...globalContext(request, this.where, new Date(this.options.now?.() ?? Date.now())),
          ...request.context,
        },
      },
      identityPolicies: identity,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
    };
    const result = await runSimulation(simulation, {});
    const who = role ? `${role.stack}/${role.logicalId} (${request.principal})` : request.principal;
    const what = `${request.action} on ${request.resource}`;
    if (
      result.resultType === 'error' &&
      request.matchAsWritten &&
      (result.errors as { message?: string }).message === 'must.use.wildcard'
    ) {
      return matchedAsWritten(
        simulation,
        role?.policies ?? [],
        resourcePolicy,
        who,
        request.action,
        request.resource,
      );
    }
    if (result.resultType === 'error') {
      const detail = JSON.stringify(result.errors);
      return {
        decision: 'implicit-deny',
        statements: [],
        explanation: `${who} may not ${what}: the request cannot be evaluated (${detail})`,
        error: detail,
      };
    }
    const analyses =
      result.resultType === 'single' ? [result.result.analysis] : result.results.map((r) => r.analysis);
    const names = resourcePolicies.map((p) => p.name).join(' + ');
    const matched = (effect: 'Allow' | 'Deny') =>
      analyses.flatMap((analysis) => [
        ...(
          (effect === 'Allow'
            ? analysis.identityAnalysis?.allowStatements
            : analysis.identityAnalysis?.denyStatements) ?? []
        ).map((s) => toMatched('identity', s.policyId, s.statement)),
        ...(
          (effect === 'Allow'
            ? analysis.resourceAnalysis?.allowStatements
            : analysis.resourceAnalysis?.denyStatements) ?? []
        ).map((s) => toMatched('resource', names, s.statement)),
      ]);
    const roleNote = service ? '' : role ? '' : ' (a role no deployed stack defines)';
    switch (result.overallResult) {
      case 'Allowed': {
        const statements = matched('Allow');
        return {
          decision: 'allow',
          statements,
          explanation: `${who} may ${what}: allowed by ${describe(statements)}`,
        };
      }
      case 'ExplicitlyDenied': {
        const statements = matched('Deny');
        return {
          decision: 'deny',
          statements,
          explanation: `${who} may not ${what}: explicitly denied by ${describe(statements)}`,
        };
      }
      default:
        return {
          decision: 'implicit-deny',
          statements: [],
          explanation: `${who}${roleNote} may not ${what}: no statement of its ${service ? 'resource policy' : 'role or the resource policy'} allows it`,
        };
    }
  }

  private validated(policy: NamedPolicy, kind: 'identity' | 'resource'): unknown {
    let validated = validatedCache.get(policy);
    if (!validated) {
      validated = createValidatedPolicy(
        policy.document,
        kind === 'identity' ? validateIdentityPolicy : validateResourcePolicy,
      );
      validatedCache.set(policy, validated);
    }
    return validated;
  }
}

/**
 * Evaluates a wildcard-only action on an ARN with the statements as written (the simulator's evaluation without
 * its validation of the request): a statement allows it when its Action and Resource patterns match.
 */
function matchedAsWritten(
  simulation: Simulation,
  identity: NamedPolicy[],
  resourcePolicy: unknown,
  who: string,
  action: string,
  resource: string,
): Decision {
  const result = runUnsafeSimulation(
    {
      ...simulation,
      identityPolicies: identity.map((policy) => ({ name: policy.name, policy: policy.document })),
      ...(resourcePolicy ? { resourcePolicy } : {}),
    },
    {},
  );
  const how = `statements matched as written, as IAM grants ${action} on "*" only`;
  if (result === 'Allowed')
    return {
      decision: 'allow',
      statements: [],
      explanation: `${who} may ${action} on ${resource}: a statement allows it (${how})`,
    };
  return {
    decision: result === 'ExplicitlyDenied' ? 'deny' : 'implicit-deny',
    statements: [],
    explanation: `${who} may not ${action} on ${resource}: ${result === 'ExplicitlyDenied' ? 'a statement denies it' : 'no statement allows it'} (${how})`,
  };
}

function mergedResourcePolicy(policies: NamedPolicy[]): unknown {
  if (policies.length === 0) return undefined;
  if (policies.length === 1) return policies[0]!.document;
  return { Version: '2012-10-17', Statement: policies.flatMap((p) => statementsOf(p.document)) };
}

function accountOf(resource: string): string | undefined {
  const account = resource.split(':')[4];
  return account ? account : undefined;
}

function toMatched(
  kind: 'identity' | 'resource',
  policy: string,
  statement: { index(): number; sid(): string | undefined; effect(): string; toJSON(): unknown },
): MatchedStatement {
  const sid = statement.sid();
  return {
    kind,
    policy,
    ...(sid ? { sid } : {}),
    index: statement.index(),
    effect: statement.effect() === 'Deny' ? 'Deny' : 'Allow',
    statement: statement.toJSON() as Statement,
  };
}

const describe = (statements: MatchedStatement[]) =>
  statements.map((s) => `${s.kind} policy ${s.policy} statement ${s.sid ?? s.index}`).join(', ') ||
  'no statement';

/**
 * The statement that WOULD allow a denied check, for `iam denials` and the AccessDenied message: for a role, an
 * identity-policy statement (Effect, Action, Resource); for a service principal, the resource-policy statement
 * naming the service and, when the request has one, its `aws:SourceArn`.
 *
 * @example allowingStatement({ action: 'sqs:SendMessage', resource: queueArn, context: {} })
 *   // { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queueArn }
 */
export function allowingStatement(
  check: Pick<AuthorizationCheck, 'action' | 'resource' | 'context'>,
  principal?: Principal,
): Statement {
  const statement: Statement = { Effect: 'Allow', Action: check.action, Resource: check.resource };
  if (!principal || principal === 'admin' || principal.startsWith('arn:')) return statement;
  const sourceArn = check.context['aws:SourceArn'];
  return {
    Effect: 'Allow',
    Principal: { Service: principal },
    Action: check.action,
    Resource: check.resource,
    ...(sourceArn ? { Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } } } : {}),
  };
}
