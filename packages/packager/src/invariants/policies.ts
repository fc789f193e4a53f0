import type { CfnTemplate } from '../template';
import { asList, isRecord, type Properties, refTarget, renderString } from './cfn';

/** Resource types whose `Policies` hold identity-based inline policies. */
const PRINCIPAL_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
/** Resource types that are one identity-based policy each. */
const POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];

/** One statement of an identity-based policy, with where it was found. */
export interface LocatedStatement {
  /** Logical id of the role, user, group or policy resource holding it. */
  owner: string;
  /** Human-readable place: `policy "name" statement 2`. */
  where: string;
  statement: Properties;
  /** Logical ids of the roles it applies to. */
  roles: string[];
}

/** Every statement of every identity-based policy in the template (trust policies excluded). */
export function identityStatements(template: CfnTemplate): LocatedStatement[] {
  const found: LocatedStatement[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const props = resource.Properties ?? {};
    if (PRINCIPAL_TYPES.includes(resource.Type)) {
      asList(props.Policies).forEach((policy, policyIndex) => {
        if (!isRecord(policy)) return;
        const name = renderString(policy.PolicyName) ?? `#${policyIndex + 1}`;
        const roles = resource.Type === 'AWS::IAM::Role' ? [id] : [];
        found.push(...locate(id, `policy "${name}"`, policy.PolicyDocument, roles));
      });
    } else if (POLICY_TYPES.includes(resource.Type)) {
      const roles = asList(props.Roles)
        .map(refTarget)
        .filter((r): r is string => r !== undefined);
      found.push(...locate(id, 'policy', props.PolicyDocument, roles));
    }
  }
  return found;
}

function locate(owner: string, label: string, document: unknown, roles: string[]): LocatedStatement[] {
  const statements = isRecord(document) ? asList(document.Statement) : [];
  return statements.filter(isRecord).map((statement, index) => ({
    owner,
    where: `${label} statement ${index + 1}`,
    statement,
    roles,
  }));
}

/** Lower-cased literal actions of a statement's `Action` (intrinsics skipped). */
export function actionsOf(statement: Properties): string[] {
  return asList(statement.Action)
    .filter((a): a is string => typeof a === 'string')
    .map((a) => a.toLowerCase());
}

/** Whether a statement allows `action`, honouring `*` wildcards in its actions. */
export function allowsAction(statement: Properties, action: string): boolean {
  if (statement.Effect !== 'Allow') return false;
  const wanted = action.toLowerCase();
  return actionsOf(statement).some((pattern) => globToRegExp(pattern).test(wanted));
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
