/**
 * How a denied call answers, in the service's own protocol, as AWS words it: the error code the service's SDK
 * raises (`AccessDeniedException`, SNS's `AuthorizationError`, S3's and SQS's `AccessDenied`), its HTTP status,
 * and a message naming the principal, the action and the resource, and why.
 */

import { AwsApiError } from '../core/errors';
import type { AwsRequest } from '../core/protocol';
import type { Authorizer, Decision, Principal } from './authorize';
import { type AuthorizationCheck, authorizationChecks, type ResourceFacts, requestInput } from './resources';

/** Error code and status per signing name (the services' API references, "Common errors" / AccessDenied). */
const DENIAL: Readonly<Record<string, { code: string; status: number; headers?: Record<string, string> }>> = {
  dynamodb: { code: 'AccessDeniedException', status: 400 },
  sqs: { code: 'AccessDenied', status: 403, headers: { 'x-amzn-query-error': 'AccessDenied;Sender' } },
  sns: { code: 'AuthorizationError', status: 403 },
  events: { code: 'AccessDeniedException', status: 400 },
  states: { code: 'AccessDeniedException', status: 400 },
  lambda: { code: 'AccessDeniedException', status: 403 },
  bedrock: { code: 'AccessDeniedException', status: 403 },
  ssm: { code: 'AccessDeniedException', status: 400 },
  secretsmanager: { code: 'AccessDeniedException', status: 400 },
  monitoring: { code: 'AccessDenied', status: 403 },
  scheduler: { code: 'AccessDeniedException', status: 403 },
  kms: { code: 'AccessDeniedException', status: 400 },
  logs: { code: 'AccessDeniedException', status: 400 },
  s3: { code: 'AccessDenied', status: 403 },
};

/**
 * The caller as AWS names it in a denial: a role's session (`arn:aws:sts::<account>:assumed-role/<role>/<session>`)
 * or the service principal.
 */
export function callerName(principal: Principal, session = 'local'): string {
  const role = /^arn:([^:]+):iam::(\d+):role\/(?:.*\/)?([^/]+)$/.exec(principal);
  return role ? `arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/${session}` : principal;
}

/** AWS's wording of a denial (`User: … is not authorized to perform: … on resource: … because …`). */
export function denialMessage(
  principal: Principal,
  check: Pick<AuthorizationCheck, 'action' | 'resource'>,
  decision: Decision,
  session?: string,
): string {
  const explicit = decision.statements[0];
  const why =
    decision.decision === 'deny'
      ? `with an explicit deny in ${explicit?.kind === 'resource' ? 'a resource-based' : 'an identity-based'} policy`
      : principal.startsWith('arn:')
        ? `because no identity-based policy allows the ${check.action} action`
        : `because no resource-based policy allows the ${check.action} action`;
  return `User: ${callerName(principal, session)} is not authorized to perform: ${check.action} on resource: ${check.resource} ${why}`;
}

/** The error a denied check answers with, in the protocol of `service` (a signing name). */
export function accessDenied(
  service: string,
  principal: Principal,
  check: AuthorizationCheck,
  decision: Decision,
  session?: string,
): AwsApiError {
  const { code, status, headers } = DENIAL[service] ?? { code: 'AccessDeniedException', status: 403 };
  return new AwsApiError(status, code, denialMessage(principal, check, decision, session), headers ?? {});
}

/**
 * Authorises a request as the gateway classified it: its checks (`requestInput` + `authorizationChecks`), the first
 * denial decides. Resolves with the denial's error (to throw, in `enforce` mode; to log, in `report` mode), or
 * undefined when the request is allowed or names nothing this module maps.
 *
 * @example const denied = await denialOf(authorizer, principal, request, { region, accountId }, policies.facts);
 *   if (denied) throw denied.error;
 */
export async function denialOf(
  authorizer: Authorizer,
  principal: Principal,
  request: AwsRequest,
  where: { region: string; accountId: string },
  facts?: ResourceFacts,
): Promise<{ error: AwsApiError; check: AuthorizationCheck; decision: Decision } | undefined> {
  if (principal === 'admin') return undefined;
  const call = requestInput(request);
  if (!call) return undefined;
  const checks = authorizationChecks({ ...call, ...where }, facts);
  if (checks.length === 0) return undefined;
  const decision = await authorizer.authorizeAll(principal, checks);
  if (decision.decision === 'allow' || !decision.check) return undefined;
  return {
    error: accessDenied(request.service, principal, decision.check, decision),
    check: decision.check,
    decision,
  };
}
