import { resolveIntrinsics } from './intrinsics';
import { type ResolveScope, resolveError } from './scope';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Evaluates the Conditions section lazily, each condition once: Fn::Equals, Fn::And, Fn::Or, Fn::Not and
 * `{ "Condition": "Other" }`, with Ref / Fn::FindInMap / Fn::Sub … operands resolved in `scopeFor(name)`.
 *
 * @example const isProd = conditionEvaluator(template.Conditions, scopeFor)('IsProd');
 */
export function conditionEvaluator(
  conditions: Record<string, unknown> | undefined,
  scopeFor: (conditionName: string) => ResolveScope,
): (name: string) => boolean {
  const values = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const evaluate = (name: string): boolean => {
    const known = values.get(name);
    if (known !== undefined) return known;
    const scope = scopeFor(name);
    if (!conditions || !Object.hasOwn(conditions, name)) {
      throw resolveError(scope, [], `condition ${name} is not defined in Conditions`);
    }
    if (evaluating.has(name)) throw resolveError(scope, [], `condition ${name} refers to itself`);
    evaluating.add(name);
    const value = evaluateExpression(conditions[name], scope, evaluate);
    evaluating.delete(name);
    values.set(name, value);
    return value;
  };
  return evaluate;
}

function evaluateExpression(
  expression: unknown,
  scope: ResolveScope,
  evaluate: (name: string) => boolean,
): boolean {
  if (!isRecord(expression) || Object.keys(expression).length !== 1) {
    throw resolveError(scope, [], `not a condition function: ${JSON.stringify(expression)}`);
  }
  const [key, argument] = Object.entries(expression)[0] as [string, unknown];
  const operands = () => {
    if (!Array.isArray(argument)) throw resolveError(scope, [], `${key} needs a list`);
    return argument.map((item) => evaluateExpression(item, scope, evaluate));
  };
  switch (key) {
    case 'Condition':
      return evaluate(String(argument));
    case 'Fn::Equals':
      return equals(argument, scope);
    case 'Fn::And':
      return operands().every(Boolean);
    case 'Fn::Or':
      return operands().some(Boolean);
    case 'Fn::Not': {
      const [operand] = operands();
      return !operand;
    }
    default:
      throw resolveError(scope, [], `${key} is not a condition function`);
  }
}

function equals(argument: unknown, scope: ResolveScope): boolean {
  if (!Array.isArray(argument) || argument.length !== 2) {
    throw resolveError(scope, [], 'Fn::Equals needs a list of two values');
  }
  const [left, right] = argument.map((value) => comparable(resolveIntrinsics(value, scope)));
  return left === right;
}

function comparable(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
