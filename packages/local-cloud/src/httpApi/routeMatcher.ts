import type { RouteDef } from './model';

/** Segment kinds, most specific first: a literal beats `{var}`, which beats `{greedy+}`. */
type Segment = { kind: 0; text: string } | { kind: 1; name: string } | { kind: 2; name: string };

interface CompiledRoute {
  route: RouteDef;
  method: string;
  segments: Segment[];
}

/** A matched route with its decoded path parameters. */
export interface RouteMatch {
  route: RouteDef;
  pathParameters: Record<string, string>;
}

/**
 * Chooses the route for a request as HTTP APIs do: the most specific full match first (literal segments over
 * `{var}` over `{proxy+}`, then a named method over `ANY`), else `$default`, else nothing (404).
 */
export class RouteMatcher {
  private readonly compiled: CompiledRoute[];
  private readonly fallback?: RouteDef;

  constructor(routes: RouteDef[]) {
    this.fallback = routes.find((route) => route.routeKey === '$default');
    this.compiled = routes.filter((route) => route.routeKey !== '$default').map(compile);
    this.compiled.sort(bySpecificity);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').slice(1);
    for (const candidate of this.compiled) {
      if (candidate.method !== 'ANY' && candidate.method !== method) continue;
      const pathParameters = matchSegments(candidate.segments, parts);
      if (pathParameters) return { route: candidate.route, pathParameters };
    }
    return this.fallback ? { route: this.fallback, pathParameters: {} } : undefined;
  }
}

function compile(route: RouteDef): CompiledRoute {
  const [method = 'ANY', path = '/'] = route.routeKey.split(' ');
  const segments = path
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const variable = /^\{([^}+]+)(\+?)\}$/.exec(part);
      if (!variable) return { kind: 0, text: part };
      return variable[2] ? { kind: 2, name: variable[1]! } : { kind: 1, name: variable[1]! };
    });
  return { route, method: method.toUpperCase(), segments };
}

function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const kindA = a.segments[i]?.kind ?? -1;
    const kindB = b.segments[i]?.kind ?? -1;
    if (kindA !== kindB) return kindA - kindB;
  }
  return Number(a.method === 'ANY') - Number(b.method === 'ANY');
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i];
    if (segment.kind === 2) {
      const rest = parts.slice(i).join('/');
      if (rest === '') return undefined;
      params[segment.name] = decode(rest);
      return params;
    }
    if (part === undefined) return undefined;
    if (segment.kind === 0 && segment.text !== part) return undefined;
    if (segment.kind === 1) {
      if (part === '') return undefined;
      params[segment.name] = decode(part);
    }
  }
  return parts.length === segments.length ? params : undefined;
}

const decode = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};
