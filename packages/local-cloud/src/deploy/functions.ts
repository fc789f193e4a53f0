import { type PropertyPath, type ResolveScope, resolveError } from './scope';
import { substitute } from './sub';

/** Resolves a nested value; given to each intrinsic function so it can resolve its arguments. */
export type Resolve = (value: unknown, path: PropertyPath) => unknown;

/** One intrinsic function: receives its raw argument, returns its value. */
export type IntrinsicFunction = (
  argument: unknown,
  scope: ResolveScope,
  path: PropertyPath,
  resolve: Resolve,
) => unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function args(
  name: string,
  argument: unknown,
  count: number,
  scope: ResolveScope,
  path: PropertyPath,
): unknown[] {
  if (!Array.isArray(argument) || argument.length < count) {
    throw resolveError(
      scope,
      path,
      `${name} needs a list of ${count} arguments, got ${JSON.stringify(argument)}`,
    );
  }
  return argument;
}

function text(name: string, value: unknown, scope: ResolveScope, path: PropertyPath): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw resolveError(scope, path, `${name} expects a string, got ${JSON.stringify(value)}`);
}

function list(name: string, value: unknown, scope: ResolveScope, path: PropertyPath): unknown[] {
  if (Array.isArray(value)) return value;
  throw resolveError(scope, path, `${name} expects a list, got ${JSON.stringify(value)}`);
}

const ref: IntrinsicFunction = (argument, scope, path, resolve) =>
  scope.ref(text('Ref', resolve(argument, path), scope, path));

const getAtt: IntrinsicFunction = (argument, scope, path, resolve) => {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    if (dot <= 0) throw resolveError(scope, path, `Fn::GetAtt "${argument}" is not LogicalId.Attribute`);
    return scope.getAtt(argument.slice(0, dot), argument.slice(dot + 1));
  }
  const [logicalId, attribute] = args('Fn::GetAtt', argument, 2, scope, path);
  return scope.getAtt(
    text('Fn::GetAtt', logicalId, scope, path),
    text('Fn::GetAtt', resolve(attribute, path), scope, path),
  );
};

const sub: IntrinsicFunction = (argument, scope, path, resolve) => {
  if (typeof argument === 'string') return substitute(argument, {}, scope, path);
  const [template, variables] = args('Fn::Sub', argument, 1, scope, path);
  const resolved = variables === undefined ? {} : resolve(variables, path);
  if (!isRecord(resolved)) throw resolveError(scope, path, 'Fn::Sub variables must be a map');
  return substitute(text('Fn::Sub', template, scope, path), resolved, scope, path);
};

const join: IntrinsicFunction = (argument, scope, path, resolve) => {
  const [delimiter, values] = args('Fn::Join', argument, 2, scope, path);
  const items = list('Fn::Join', resolve(values, path), scope, path);
  return items
    .map((item) => text('Fn::Join', item, scope, path))
    .join(text('Fn::Join', delimiter, scope, path));
};

const select: IntrinsicFunction = (argument, scope, path, resolve) => {
  const [index, values] = args('Fn::Select', argument, 2, scope, path);
  const position = Number(resolve(index, path));
  const items = list('Fn::Select', resolve(values, path), scope, path);
  if (!Number.isInteger(position) || position < 0 || position >= items.length) {
    throw resolveError(
      scope,
      path,
      `Fn::Select index ${String(index)} is outside the list of ${items.length}`,
    );
  }
  return items[position];
};

const split: IntrinsicFunction = (argument, scope, path, resolve) => {
  const [delimiter, source] = args('Fn::Split', argument, 2, scope, path);
  return text('Fn::Split', resolve(source, path), scope, path).split(
    text('Fn::Split', delimiter, scope, path),
  );
};

const ifFunction: IntrinsicFunction = (argument, scope, path, resolve) => {
  const [condition, whenTrue, whenFalse] = args('Fn::If', argument, 3, scope, path);
  return resolve(scope.condition(text('Fn::If', condition, scope, path)) ? whenTrue : whenFalse, path);
};

const importValue: IntrinsicFunction = (argument, scope, path, resolve) =>
  scope.importValue(text('Fn::ImportValue', resolve(argument, path), scope, path));

const findInMap: IntrinsicFunction = (argument, scope, path, resolve) => {
  const [map, top, second] = args('Fn::FindInMap', argument, 3, scope, path).map((part) =>
    text('Fn::FindInMap', resolve(part, path), scope, path),
  );
  return scope.findInMap(map as string, top as string, second as string);
};

const getAZs: IntrinsicFunction = (argument, scope, path, resolve) => {
  const region = text('Fn::GetAZs', resolve(argument ?? '', path), scope, path) || scope.region;
  return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
};

const base64: IntrinsicFunction = (argument, scope, path, resolve) =>
  Buffer.from(text('Fn::Base64', resolve(argument, path), scope, path), 'utf8').toString('base64');

/** The intrinsic functions a resource property or output may use, by key. */
export const INTRINSIC_FUNCTIONS: Readonly<Record<string, IntrinsicFunction>> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::If': ifFunction,
  'Fn::ImportValue': importValue,
  'Fn::FindInMap': findInMap,
  'Fn::GetAZs': getAZs,
  'Fn::Base64': base64,
};
