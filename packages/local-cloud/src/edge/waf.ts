import type { WebAclDef } from './model';

type Props = Record<string, unknown>;
const record = (value: unknown): Props =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Props) : {};

/** What WAF looks at in a viewer request (before any CloudFront Function runs). */
export interface WafRequest {
  method: string;
  /** The URI path as the viewer sent it. */
  uriPath: string;
  rawQueryString: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  ip: string;
}

/** The web ACL's verdict on one request. */
export type WafDecision =
  | { action: 'allow'; rule?: string }
  | {
      action: 'block';
      rule?: string;
      status: number;
      /** True with a `CustomResponse`, which takes precedence over CloudFront's custom error pages. */
      custom: boolean;
      headers: Record<string, string>;
      body?: { contentType: string; content: string };
    };

const TRANSFORMATIONS: Record<string, (value: string) => string> = {
  NONE: (value) => value,
  LOWERCASE: (value) => value.toLowerCase(),
  URL_DECODE: (value) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  },
  COMPRESS_WHITE_SPACE: (value) => value.replace(/[\s\f\v]+/g, ' '),
};
const FIELDS = ['UriPath', 'Method', 'QueryString', 'SingleHeader'];
const POSITIONS = ['EXACTLY', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'CONTAINS_WORD'];

/**
 * Why a statement cannot be evaluated locally (undefined when it can): the local WAF evaluates rate-based
 * rules whose scope-down is made of byte matches on the URI path, method, query string or a header, combined
 * with And/Or/Not.
 */
function unsupportedStatement(statement: Props, nested: boolean): string | undefined {
  const [kind, body] = Object.entries(statement)[0] ?? [];
  const props = record(body);
  switch (kind) {
    case 'RateBasedStatement':
      return nested
        ? 'a rate-based statement inside another statement is not evaluated locally'
        : unsupportedRate(props);
    case 'AndStatement':
    case 'OrStatement': {
      const statements = Array.isArray(props.Statements) ? props.Statements : [];
      return statements.map((item) => unsupportedStatement(record(item), true)).find(Boolean);
    }
    case 'NotStatement':
      return unsupportedStatement(record(props.Statement), true);
    case 'ByteMatchStatement': {
      const field = Object.keys(record(props.FieldToMatch))[0] ?? '';
      if (!FIELDS.includes(field)) return `byte match on ${field || 'nothing'} is not evaluated locally`;
      if (!POSITIONS.includes(String(props.PositionalConstraint))) {
        return `positional constraint ${String(props.PositionalConstraint)} is not evaluated locally`;
      }
      const unknown = transformationsOf(props).find((type) => !TRANSFORMATIONS[type]);
      return unknown ? `text transformation ${unknown} is not applied locally` : undefined;
    }
    case 'ManagedRuleGroupStatement':
      return `AWS managed rule group ${String(props.VendorName ?? 'AWS')}/${String(props.Name)} is not enforced locally`;
    default:
      return `${kind ?? 'an empty statement'} is not evaluated locally`;
  }
}

function unsupportedRate(props: Props): string | undefined {
  const key = String(props.AggregateKeyType ?? 'IP');
  if (!['IP', 'FORWARDED_IP', 'CONSTANT'].includes(key)) {
    return `rate-based aggregation ${key} is not evaluated locally (IP, FORWARDED_IP and CONSTANT are)`;
  }
  return props.ScopeDownStatement === undefined
    ? undefined
    : unsupportedStatement(record(props.ScopeDownStatement), true);
}

const transformationsOf = (props: Props) =>
  (Array.isArray(props.TextTransformations) ? props.TextTransformations : [])
    .map(record)
    .sort((a, b) => Number(a.Priority ?? 0) - Number(b.Priority ?? 0))
    .map((item) => String(item.Type ?? 'NONE'));

/** Names of the rules (and `DefaultAction`) that block without a `CustomResponse`: CloudFront answers them 403. */
export function plainBlocks(acl: { rules: readonly Props[]; defaultAction: Props }): string[] {
  const plain = (action: Props) => 'Block' in action && record(action.Block).CustomResponse === undefined;
  return [
    ...acl.rules.filter((rule) => plain(record(rule.Action))).map((rule) => String(rule.Name ?? '?')),
    ...(plain(acl.defaultAction) ? ['DefaultAction'] : []),
  ];
}

/** The rules of a web ACL the local WAF does not enforce, with why (reported by name at start-up). */
export function unenforcedRules(rules: readonly Props[]): { name: string; reason: string }[] {
  const out: { name: string; reason: string }[] = [];
  for (const rule of rules) {
    const name = String(rule.Name ?? '?');
    const reason = unsupportedStatement(record(rule.Statement), false);
    const action = Object.keys(record(rule.Action))[0];
    if (reason) out.push({ name, reason });
    else if (action && !['Allow', 'Block', 'Count'].includes(action)) {
      out.push({ name, reason: `action ${action} is not emulated locally; the rule is not enforced` });
    }
  }
  return out;
}

interface CompiledRule {
  name: string;
  priority: number;
  action: Props;
  /** True when the rule matches the request (rate-based: the key went over its limit). */
  matches(request: WafRequest, now: number): boolean;
}

/** Options of the local WAF. */
export interface WafOptions {
  /** Rate-based windows relative to AWS's (`EvaluationWindowSec`); 1 = real time. The limits stay exact. */
  timeScale?: number;
  /** The clock, in milliseconds (tests move it instead of sleeping). */
  now?: () => number;
}

/**
 * A WAFv2 web ACL evaluated on each viewer request: rules in `Priority` order, the first Allow or Block that
 * matches decides, else `DefaultAction`. Rate-based rules count the requests their scope-down statement
 * matches per aggregation key over a sliding window of `EvaluationWindowSec` (default 300 s, scaled by
 * `timeScale`) and match once a key has sent more than `Limit` within it. AWS evaluates rates approximately, every
 * few seconds; locally the limit is exact, so tests can rely on request `Limit + 1` being blocked.
 */
export class WebAclEvaluator {
  private readonly rules: CompiledRule[];
  private readonly now: () => number;

  constructor(
    private readonly acl: WebAclDef,
    options: WafOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const skipped = new Set(unenforcedRules(acl.rules).map((rule) => rule.name));
    this.rules = acl.rules
      .filter((rule) => !skipped.has(String(rule.Name ?? '?')))
      .map((rule) => compileRule(rule, options.timeScale ?? 1))
      .sort((a, b) => a.priority - b.priority);
  }

  evaluate(request: WafRequest): WafDecision {
    const now = this.now();
    for (const rule of this.rules) {
      if (!rule.matches(request, now)) continue;
      const [kind, body] = Object.entries(rule.action)[0] ?? ['Block', {}];
      if (kind === 'Count') continue;
      if (kind === 'Allow') return { action: 'allow', rule: rule.name };
      return { ...this.block(record(body)), rule: rule.name };
    }
    const [kind, body] = Object.entries(this.acl.defaultAction)[0] ?? ['Allow', {}];
    return kind === 'Block' ? this.block(record(body)) : { action: 'allow' };
  }

  /** A block's answer: 403, or the action's `CustomResponse` (code, body, headers prefixed `x-amzn-waf-`). */
  private block(action: Props): Extract<WafDecision, { action: 'block' }> {
    const custom = record(action.CustomResponse);
    const headers: Record<string, string> = {};
    for (const header of Array.isArray(custom.ResponseHeaders) ? custom.ResponseHeaders.map(record) : []) {
      headers[`x-amzn-waf-${String(header.Name).toLowerCase()}`] = String(header.Value ?? '');
    }
    const key = typeof custom.CustomResponseBodyKey === 'string' ? custom.CustomResponseBodyKey : undefined;
    const stored = key ? this.acl.customResponseBodies[key] : undefined;
    const contentType =
      { TEXT_PLAIN: 'text/plain', TEXT_HTML: 'text/html', APPLICATION_JSON: 'application/json' }[
        stored?.ContentType ?? 'TEXT_PLAIN'
      ] ?? 'text/plain';
    return {
      action: 'block',
      status: Number(custom.ResponseCode ?? 403),
      custom: action.CustomResponse !== undefined,
      headers,
      ...(stored ? { body: { contentType, content: stored.Content ?? '' } } : {}),
    };
  }
}

function compileRule(rule: Props, timeScale: number): CompiledRule {
  const statement = record(rule.Statement);
  const rate = statement.RateBasedStatement;
  const base = {
    name: String(rule.Name ?? '?'),
    priority: Number(rule.Priority ?? 0),
    action: record(rule.Action),
  };
  if (rate === undefined) {
    const matches = compileStatement(statement);
    return { ...base, matches: (request) => matches(request) };
  }
  const props = record(rate);
  const limit = Number(props.Limit ?? 100);
  const windowMs = Number(props.EvaluationWindowSec ?? 300) * 1000 * timeScale;
  const scope =
    props.ScopeDownStatement === undefined ? () => true : compileStatement(record(props.ScopeDownStatement));
  const keyOf = aggregationKey(props);
  const seen = new Map<string, number[]>();
  return {
    ...base,
    matches: (request, now) => {
      if (!scope(request)) return false;
      const key = keyOf(request);
      if (key === undefined) return false;
      const times = (seen.get(key) ?? []).filter((at) => at > now - windowMs);
      times.push(now);
      seen.set(key, times);
      return times.length > limit;
    },
  };
}

/** The key a rate-based rule counts by; undefined when the request has none (the rule does not apply). */
function aggregationKey(props: Props): (request: WafRequest) => string | undefined {
  const type = String(props.AggregateKeyType ?? 'IP');
  if (type === 'CONSTANT') return () => '';
  if (type === 'IP') return (request) => request.ip;
  const config = record(props.ForwardedIPConfig);
  const header = String(config.HeaderName ?? 'X-Forwarded-For').toLowerCase();
  return (request) => request.headers[header]?.split(',')[0]?.trim() || undefined;
}

function compileStatement(statement: Props): (request: WafRequest) => boolean {
  const [kind, body] = Object.entries(statement)[0] ?? [];
  const props = record(body);
  switch (kind) {
    case 'AndStatement': {
      const parts = (props.Statements as unknown[]).map((item) => compileStatement(record(item)));
      return (request) => parts.every((part) => part(request));
    }
    case 'OrStatement': {
      const parts = (props.Statements as unknown[]).map((item) => compileStatement(record(item)));
      return (request) => parts.some((part) => part(request));
    }
    case 'NotStatement': {
      const inner = compileStatement(record(props.Statement));
      return (request) => !inner(request);
    }
    case 'ByteMatchStatement':
      return byteMatch(props);
    default:
      return () => false;
  }
}

function byteMatch(props: Props): (request: WafRequest) => boolean {
  const field = record(props.FieldToMatch);
  const transforms = transformationsOf(props).map((type) => TRANSFORMATIONS[type]!);
  const transform = (value: string) => transforms.reduce((text, apply) => apply(text), value);
  const search =
    typeof props.SearchString === 'string'
      ? props.SearchString
      : Buffer.from(String(props.SearchStringBase64 ?? ''), 'base64').toString('utf8');
  const position = String(props.PositionalConstraint);
  const read = (request: WafRequest): string | undefined => {
    if ('UriPath' in field) return request.uriPath;
    if ('Method' in field) return request.method;
    if ('QueryString' in field) return request.rawQueryString;
    const name = String(record(field.SingleHeader).Name ?? '').toLowerCase();
    return request.headers[name];
  };
  return (request) => {
    const raw = read(request);
    if (raw === undefined) return false;
    const value = transform(raw);
    switch (position) {
      case 'EXACTLY':
        return value === search;
      case 'STARTS_WITH':
        return value.startsWith(search);
      case 'ENDS_WITH':
        return value.endsWith(search);
      case 'CONTAINS':
        return value.includes(search);
      default:
        return new RegExp(
          `(^|[^A-Za-z0-9_])${search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`,
        ).test(value);
    }
  };
}
