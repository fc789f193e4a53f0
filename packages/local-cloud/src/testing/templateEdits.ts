/**
 * Edits of packaged templates for tests that show what a missing permission does: each returns a changed
 * deep copy of the stacks (the packaging cache and the other tests' stacks are untouched).
 */
import type { StackInput } from '../deploy/template';

type Json = Record<string, unknown>;

const copy = (stacks: StackInput[]): StackInput[] => structuredClone(stacks);

function resourceOf(stacks: StackInput[], service: string, logicalId: string): Json {
  const stack = stacks.find((s) => s.name === service);
  const resource = stack?.template.Resources[logicalId] as Json | undefined;
  if (!resource) throw new Error(`no resource ${service}/${logicalId} in the packaged templates`);
  return resource;
}

/** Every policy statement inside a resource's properties (roles' inline policies, queue/topic policies…). */
function statementsIn(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(statementsIn);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Json;
  const own = Array.isArray(record.Statement)
    ? (record.Statement as Json[])
    : record.Statement
      ? [record.Statement as Json]
      : [];
  return [...own, ...Object.values(record).flatMap(statementsIn)];
}

/**
 * Removes `action` from every statement of a resource's policies (a statement left without actions goes), also
 * from a policy written as a JSON string (a CloudWatch Logs resource policy's `Fn::Sub`).
 *
 * @example withoutAction(stacks, 'expenses', 'CreateExpenseIamRoleLambdaExecution', 'dynamodb:PutItem')
 */
export function withoutAction(
  stacks: StackInput[],
  service: string,
  logicalId: string,
  action: string,
): StackInput[] {
  const edited = copy(stacks);
  const properties = resourceOf(edited, service, logicalId).Properties;
  let removed = 0;
  const prune = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(prune);
    if (typeof value === 'string') return pruneJson(value);
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Json;
    if (Array.isArray(record.Statement)) {
      record.Statement = (record.Statement as Json[]).filter((statement) => {
        const actions = [statement.Action].flat();
        const kept = actions.filter((a) => a !== action);
        removed += actions.length - kept.length;
        if (kept.length === 0) return false;
        statement.Action = Array.isArray(statement.Action) ? kept : kept[0];
        return true;
      });
    }
    for (const [key, child] of Object.entries(record)) record[key] = prune(child);
    return record;
  };
  /** A policy document kept as JSON text: pruned and written back (other strings are left alone). */
  const pruneJson = (text: string): string => {
    if (!text.trimStart().startsWith('{') || !text.includes('"Statement"')) return text;
    const before = removed;
    const document = prune(JSON.parse(text));
    return removed === before ? text : JSON.stringify(document, null, 2);
  };
  prune(properties);
  if (removed === 0) throw new Error(`${service}/${logicalId} grants no ${action}`);
  return edited;
}

/**
 * Removes, from the Resource lists of a resource policy's statements, the entries that name `target` (a
 * logical id, through Ref / Fn::GetAtt): the policy keeps allowing its other resources.
 *
 * @example withoutResource(stacks, 'expenses', 'CatalogCopyQueuePolicy', 'CatalogCopyQueue')
 */
export function withoutResource(
  stacks: StackInput[],
  service: string,
  logicalId: string,
  target: string,
): StackInput[] {
  const edited = copy(stacks);
  const names = (value: unknown) => {
    const text = JSON.stringify(value);
    return text.includes(`"Ref":"${target}"`) || text.includes(`["${target}",`);
  };
  let removed = 0;
  for (const statement of statementsIn(resourceOf(edited, service, logicalId).Properties)) {
    if (statement.Resource === undefined) continue;
    const resources = [statement.Resource].flat();
    const kept = resources.filter((resource) => !names(resource));
    removed += resources.length - kept.length;
    statement.Resource = kept.length === 1 ? kept[0] : kept;
  }
  if (removed === 0) throw new Error(`${service}/${logicalId} names no ${target}`);
  return edited;
}

/**
 * Removes a resource (an AWS::Lambda::Permission, a queue policy) and what depends on it by DependsOn only.
 *
 * @example withoutResourceNamed(stacks, 'expenses', 'ListExpensesLambdaPermissionHttpApi')
 */
export function withoutResourceNamed(stacks: StackInput[], service: string, logicalId: string): StackInput[] {
  const edited = copy(stacks);
  resourceOf(edited, service, logicalId);
  const template = edited.find((s) => s.name === service)!.template;
  delete template.Resources[logicalId];
  for (const resource of Object.values(template.Resources) as Json[]) {
    const dependsOn = resource.DependsOn;
    if (dependsOn === logicalId) delete resource.DependsOn;
    else if (Array.isArray(dependsOn)) resource.DependsOn = dependsOn.filter((id) => id !== logicalId);
  }
  return edited;
}

/**
 * Adds a statement to a role's first inline policy (what a deploy-time parameter would have granted).
 *
 * @example withStatement(stacks, 'expenses', 'ListExpensesIamRoleLambdaExecution', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arn })
 */
export function withStatement(
  stacks: StackInput[],
  service: string,
  roleLogicalId: string,
  statement: Json,
): StackInput[] {
  const edited = copy(stacks);
  const properties = resourceOf(edited, service, roleLogicalId).Properties as Json;
  const [policy] = (properties.Policies ?? []) as Json[];
  const document = policy?.PolicyDocument as Json | undefined;
  if (!document) throw new Error(`${service}/${roleLogicalId} has no inline policy`);
  document.Statement = [...[document.Statement ?? []].flat(), statement];
  return edited;
}
