import { INTRINSIC_FUNCTIONS } from './functions';
import { NO_VALUE, type PropertyPath, type ResolveScope, resolveError } from './scope';

const DYNAMIC_REFERENCE = /\{\{resolve:([a-z-]+):([^}]*)\}\}/g;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for `{ "Ref": … }` and `{ "Fn::…": … }` objects: a single key naming an intrinsic function. */
export function intrinsicKey(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const key = keys[0];
  return keys.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))
    ? key
    : undefined;
}

/**
 * Resolves every intrinsic function in `value` (Ref, Fn::GetAtt, Fn::Sub in both forms, Fn::Join,
 * Fn::Select, Fn::Split, Fn::If, Fn::ImportValue, Fn::FindInMap, Fn::GetAZs, Fn::Base64), drops properties
 * and list elements that resolve to `AWS::NoValue`, then replaces the dynamic references
 * `{{resolve:ssm:name}}` / `{{resolve:ssm:name:version}}` inside every string.
 *
 * @example resolveIntrinsics({ 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:t' }, scope)
 * @throws DeploymentError naming the stack, the resource or output and the property that cannot be resolved
 */
export function resolveIntrinsics(value: unknown, scope: ResolveScope, path: PropertyPath = []): unknown {
  const resolved = resolveValue(value, scope, path);
  return resolved === NO_VALUE ? undefined : resolveDynamicReferences(resolved, scope, path);
}

function resolveValue(value: unknown, scope: ResolveScope, path: PropertyPath): unknown {
  if (Array.isArray(value)) {
    return value
      .map((item, index) => resolveValue(item, scope, [...path, index]))
      .filter((item) => item !== NO_VALUE);
  }
  if (!isRecord(value)) return value;
  const key = intrinsicKey(value);
  if (key !== undefined) return callIntrinsic(key, value[key], scope, path);
  const result: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const resolved = resolveValue(item, scope, [...path, name]);
    if (resolved !== NO_VALUE) result[name] = resolved;
  }
  return result;
}

function callIntrinsic(key: string, argument: unknown, scope: ResolveScope, path: PropertyPath): unknown {
  const fn = INTRINSIC_FUNCTIONS[key];
  if (!fn) {
    const where = ['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not'].includes(key)
      ? 'is a condition function, only allowed in Conditions and Fn::If'
      : 'is not supported by the local cloud';
    throw resolveError(scope, path, `${key} ${where}`);
  }
  return fn(argument, scope, path, (nested, nestedPath) => resolveValue(nested, scope, nestedPath));
}

/** Replaces `{{resolve:ssm:…}}` in every string of an already resolved value. */
function resolveDynamicReferences(value: unknown, scope: ResolveScope, path: PropertyPath): unknown {
  if (typeof value === 'string')
    return value.includes('{{resolve:') ? replaceReferences(value, scope, path) : value;
  if (Array.isArray(value))
    return value.map((item, index) => resolveDynamicReferences(item, scope, [...path, index]));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      name,
      resolveDynamicReferences(item, scope, [...path, name]),
    ]),
  );
}

function replaceReferences(text: string, scope: ResolveScope, path: PropertyPath): string {
  return text.replace(DYNAMIC_REFERENCE, (_match, service: string, reference: string) => {
    if (service === 'secretsmanager') return secretReference(reference, scope, path);
    if (service !== 'ssm') {
      throw resolveError(
        scope,
        path,
        `dynamic reference {{resolve:${service}:…}} is not available locally (only ssm and secretsmanager)`,
      );
    }
    const name = /^(.*):(\d+)$/.exec(reference)?.[1] ?? reference;
    const parameter = scope.ssmParameter(name);
    if (parameter === undefined) {
      throw resolveError(
        scope,
        path,
        `SSM parameter ${name} (dynamic reference {{resolve:ssm:${reference}}}) does not exist`,
      );
    }
    return parameter;
  });
}

/** `{{resolve:secretsmanager:…}}`: a secret the templates created (there is no other local secret). */
function secretReference(reference: string, scope: ResolveScope, path: PropertyPath): string {
  const value = scope.secretValue?.(reference);
  if (value === undefined) {
    throw resolveError(
      scope,
      path,
      `secret ${reference} (dynamic reference {{resolve:secretsmanager:${reference}}}) is not an AWS::SecretsManager::Secret of the stacks deployed so far`,
    );
  }
  return value;
}
