import { asList, isRecord, type RuleContext, renderString, resource, resources } from './cfn';
import { actionsOf, identityStatements, type LocatedStatement } from './policies';
import { type Rule, type Violation, violation } from './rules';

/**
 * Actions that have no resource-level permissions: the Service Authorization Reference lists no resource
 * type for them, so `Resource: "*"` is the only possible grant. Lower case; IAM compares case-insensitively.
 * `logs:CreateLogGroup`, `events:PutEvents`, `bedrock:InvokeModel`, `sqs:SendMessage`… are NOT here: they
 * take ARNs.
 */
export const STAR_ONLY_ACTIONS: ReadonlySet<string> = new Set([
  'xray:puttracesegments',
  'xray:puttelemetryrecords',
  'xray:getsamplingrules',
  'xray:getsamplingtargets',
  'xray:getsamplingstatisticsummaries',
  'cloudwatch:putmetricdata',
  'cloudwatch:getmetricdata',
  'cloudwatch:getmetricstatistics',
  'cloudwatch:listmetrics',
  'sqs:listqueues',
  'sns:listtopics',
  'ssm:describeparameters',
  'sts:getcalleridentity',
  'lambda:listfunctions',
  'states:liststatemachines',
  'dynamodb:listtables',
  'bedrock:listfoundationmodels',
  'cognito-idp:listuserpools',
  'kms:listaliases',
  'kms:listkeys',
  'tag:getresources',
  'ec2:describenetworkinterfaces',
]);

/**
 * The one documented exception to `iam-no-wildcard-resource`: CloudWatch Logs log delivery for a Step Functions
 * state machine with a `LoggingConfiguration` (an EXPRESS workflow's only history, ADR 29). AWS documents exactly
 * these actions on `Resource: "*"` for the state machine's role ("IAM policies for logging to CloudWatch Logs",
 * Step Functions developer guide): they set up the vended-log delivery and the log group's resource policy, and
 * take no resource-level permissions for that use. Allowed only in a statement of nothing but these (and
 * "*"-only) actions, on roles that only `states.amazonaws.com` can assume. Lower case.
 */
export const STATE_MACHINE_LOG_DELIVERY_ACTIONS: ReadonlySet<string> = new Set([
  'logs:createlogdelivery',
  'logs:getlogdelivery',
  'logs:updatelogdelivery',
  'logs:deletelogdelivery',
  'logs:listlogdeliveries',
  'logs:putresourcepolicy',
  'logs:describeresourcepolicies',
  'logs:describeloggroups',
]);

/** Step Functions' service principal, global or regional (serverless-step-functions writes the regional one). */
const STATES_PRINCIPAL = /^states\.(\$\{AWS::Region\}\.|[a-z]{2}(-[a-z]+)+-\d\.)?amazonaws\.com$/;

/** Whether a role's trust policy lets only Step Functions assume it (every Allow names states.amazonaws.com only). */
function onlyStepFunctionsAssumes(context: RuleContext, roleId: string): boolean {
  const role = resource(context.template, roleId);
  if (role?.Type !== 'AWS::IAM::Role') return false;
  const trust = role.Properties?.AssumeRolePolicyDocument;
  const allows = (isRecord(trust) ? asList(trust.Statement) : []).filter(
    (statement) => isRecord(statement) && statement.Effect === 'Allow',
  );
  return (
    allows.length > 0 &&
    allows.every((statement) => {
      const principal = isRecord(statement) ? statement.Principal : undefined;
      if (!isRecord(principal) || Object.keys(principal).some((key) => key !== 'Service')) return false;
      const services = asList(principal.Service);
      return (
        services.length > 0 && services.every((service) => STATES_PRINCIPAL.test(renderString(service) ?? ''))
      );
    })
  );
}

/** A statement of log-delivery actions only, in a policy of state machine roles only: the exception above. */
function isStateMachineLogDelivery(
  context: RuleContext,
  located: LocatedStatement,
  scopable: string[],
): boolean {
  return (
    scopable.length > 0 &&
    scopable.every((action) => STATE_MACHINE_LOG_DELIVERY_ACTIONS.has(action)) &&
    located.roles.length > 0 &&
    located.roles.every((roleId) => onlyStepFunctionsAssumes(context, roleId))
  );
}

/**
 * AWS-managed policies allowed on a role although their statements are not in the template: only AWS Backup's
 * service-role policies (services/backup), which AWS documents for the role AWS Backup assumes and keeps up to
 * date as it supports new resource types. Anything else: write the statements inline so they are checked.
 */
export const ALLOWED_MANAGED_POLICIES: readonly string[] = [
  ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
  ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
  ':iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup',
  ':iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore',
];

const WILDCARD_ACTION = /^(\*|[a-z0-9-]+:\*)$/;

/** Wildcard actions and resources in identity-based policies; managed policies on roles. */
export const checkIam: Rule = (context) => [
  ...identityStatements(context.template).flatMap((located) => checkStatement(context, located)),
  ...checkManagedPolicies(context),
];

function checkStatement(context: RuleContext, located: LocatedStatement): Violation[] {
  const { owner, where, statement } = located;
  if (statement.Effect !== 'Allow') return [];
  const found: Violation[] = [];
  if (statement.NotAction !== undefined) {
    found.push(
      violation(context, 'iam-no-wildcard-action', owner, `${where} allows NotAction (everything else)`),
    );
  }
  const actions = actionsOf(statement);
  const wildcards = actions.filter((a) => WILDCARD_ACTION.test(a));
  if (wildcards.length > 0) {
    found.push(
      violation(context, 'iam-no-wildcard-action', owner, `${where} allows ${wildcards.join(', ')}`),
    );
  }
  if (statement.NotResource !== undefined) {
    found.push(violation(context, 'iam-no-wildcard-resource', owner, `${where} uses NotResource`));
  }
  const scopable = actions.filter((a) => !STAR_ONLY_ACTIONS.has(a));
  if (
    asList(statement.Resource).includes('*') &&
    (scopable.length > 0 || actions.length === 0) &&
    !isStateMachineLogDelivery(context, located, scopable)
  ) {
    found.push(
      violation(
        context,
        'iam-no-wildcard-resource',
        owner,
        `${where} grants ${scopable.join(', ') || 'its actions'} on Resource "*"; these actions take ARNs`,
      ),
    );
  }
  return found;
}

function checkManagedPolicies(context: RuleContext): Violation[] {
  return ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']
    .flatMap((type) => resources(context.template, type))
    .flatMap(([id, props]) => {
      const unchecked = asList(props.ManagedPolicyArns).filter(
        (arn) =>
          typeof arn !== 'string' || !ALLOWED_MANAGED_POLICIES.some((allowed) => arn.endsWith(allowed)),
      );
      return unchecked.length === 0
        ? []
        : [
            violation(
              context,
              'iam-managed-policy',
              id,
              `ManagedPolicyArns ${JSON.stringify(unchecked)} cannot be checked; write the statements inline`,
            ),
          ];
    });
}
