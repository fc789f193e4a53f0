import { type PropertyPath, type ResolveScope, resolveError } from './scope';

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * Fn::Sub: replaces `${Param}`, `${AWS::Region}`, `${Resource}` (its Ref), `${Resource.Attr}` (its GetAtt)
 * and the names of the optional variable map; `${!Literal}` stays as the literal `${Literal}`.
 */
export function substitute(
  template: string,
  variables: Record<string, unknown>,
  scope: ResolveScope,
  path: PropertyPath,
): string {
  return template.replace(PLACEHOLDER, (_match, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    const value = lookup(name, variables, scope);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return String(value);
    throw resolveError(
      scope,
      path,
      `Fn::Sub variable \${${name}} is not a string (${JSON.stringify(value)})`,
    );
  });
}

function lookup(name: string, variables: Record<string, unknown>, scope: ResolveScope): unknown {
  if (Object.hasOwn(variables, name)) return variables[name];
  const dot = name.indexOf('.');
  if (dot > 0) return scope.getAtt(name.slice(0, dot), name.slice(dot + 1));
  return scope.ref(name);
}

/** The names a Fn::Sub template refers to (for dependency ordering), without `${!Literal}` ones. */
export function substitutionNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .map((match) => (match[1] ?? '').trim())
    .filter((name) => name.length > 0 && !name.startsWith('!'));
}
