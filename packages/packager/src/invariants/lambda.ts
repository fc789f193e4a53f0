import { getAtt, type Properties, path, resource, resources, show } from './cfn';
import { allowsAction, identityStatements } from './policies';
import { type Rule, type Violation, violation } from './rules';

export const RUNTIME = 'nodejs24.x';
const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
/** The outbox relays and monitors, which may pass the trace through instead (docs/adr/0035). */
const BACKGROUND_FUNCTIONS = /^(RelayOutbox|MonitorOutbox)LambdaFunction$/;

/** Runtime, architecture, tracing, one role per function, and the X-Ray permissions tracing needs. */
export const checkFunctions: Rule = (context) => {
  const { template } = context;
  const functions = resources(template, 'AWS::Lambda::Function');
  const roleOf = new Map(functions.map(([id, props]) => [id, ownRoleId(props)]));
  const statements = identityStatements(template);
  const found: Violation[] = [];

  for (const [id, props] of functions) {
    if (props.Runtime !== RUNTIME) {
      found.push(
        violation(context, 'lambda-runtime', id, `Runtime is ${show(props.Runtime)}, not ${RUNTIME}`),
      );
    }
    const architectures = props.Architectures;
    if (!Array.isArray(architectures) || architectures.length !== 1 || architectures[0] !== 'arm64') {
      found.push(
        violation(
          context,
          'lambda-arm64',
          id,
          `Architectures is ${show(architectures)} (x86_64 when absent)`,
        ),
      );
    }
    const tracing = path(props, 'TracingConfig', 'Mode');
    const tracingFault = tracingViolation(context, id, tracing);
    if (tracingFault) found.push(tracingFault);

    const roleId = roleOf.get(id);
    if (!roleId || resource(template, roleId)?.Type !== 'AWS::IAM::Role') {
      found.push(
        violation(
          context,
          'lambda-own-role',
          id,
          `Role is ${show(props.Role)}; it must be Fn::GetAtt [<role>, Arn] of an AWS::IAM::Role in this template`,
        ),
      );
      continue;
    }
    const sharers = [...roleOf].filter(([other, role]) => other !== id && role === roleId).map(([o]) => o);
    if (sharers.length > 0) {
      found.push(
        violation(context, 'lambda-own-role', id, `shares role ${roleId} with ${sharers.join(', ')}`),
      );
    }
    // PassThrough still records a function inside a sampled caller's trace: it needs the same permissions.
    if (tracing === 'Active' || tracing === 'PassThrough') {
      const roleStatements = statements.filter((s) => s.roles.includes(roleId)).map((s) => s.statement);
      const missing = XRAY_ACTIONS.filter((action) => !roleStatements.some((s) => allowsAction(s, action)));
      if (missing.length > 0) {
        found.push(
          violation(
            context,
            'lambda-xray-permissions',
            id,
            `role ${roleId} does not allow ${missing.join(', ')}; with serverless-iam-roles-per-function put ` +
              'them in provider.iam.role.statements and set defaultInherit: true',
          ),
        );
      }
    }
  }
  return found;
};

/** Active everywhere; an outbox relay or monitor may pass the trace through instead (ADR 35). */
function tracingViolation(context: Parameters<Rule>[0], id: string, tracing: unknown): Violation | undefined {
  const background = BACKGROUND_FUNCTIONS.test(id);
  if (tracing === 'Active' || (background && tracing === 'PassThrough')) return undefined;
  return violation(
    context,
    'lambda-tracing',
    id,
    `TracingConfig.Mode is ${show(tracing)}, not Active${background ? ' or PassThrough' : ''}`,
  );
}

function ownRoleId(props: Properties): string | undefined {
  const att = getAtt(props.Role);
  return att && att.attr === 'Arn' ? att.id : undefined;
}
