import { describe, expect, it } from '@jest/globals';
import type { WebAclDef } from './model';
import { plainBlocks, unenforcedRules, type WafRequest, WebAclEvaluator } from './waf';

const acl = (
  rules: Record<string, unknown>[],
  defaultAction: Record<string, unknown> = { Allow: {} },
): WebAclDef => ({
  stack: 'edge',
  logicalId: 'WebAcl',
  name: 'web',
  id: 'id',
  arn: 'arn:aws:wafv2:us-east-1:000000000000:global/webacl/web/id',
  scope: 'CLOUDFRONT',
  defaultAction,
  rules,
  customResponseBodies: {},
});

const request = (overrides: Partial<WafRequest> = {}): WafRequest => ({
  method: 'GET',
  uriPath: '/',
  rawQueryString: '',
  headers: {},
  ip: '203.0.113.7',
  ...overrides,
});

const rate = (limit: number, extra: Record<string, unknown> = {}, priority = 1) => ({
  Name: `rate${limit}`,
  Priority: priority,
  Action: { Block: {} },
  Statement: { RateBasedStatement: { Limit: limit, AggregateKeyType: 'IP', ...extra } },
});

describe('WebAclEvaluator', () => {
  it('lets exactly Limit requests of a key through per window, counting each key apart', () => {
    let now = 0;
    const waf = new WebAclEvaluator(acl([rate(10)]), { now: () => now });

    const first = Array.from({ length: 10 }, () => waf.evaluate(request()).action);

    expect(first.every((action) => action === 'allow')).toBe(true);
    expect(waf.evaluate(request())).toMatchObject({
      action: 'block',
      status: 403,
      custom: false,
      rule: 'rate10',
    });
    expect(waf.evaluate(request({ ip: '198.51.100.1' })).action).toBe('allow');
    now += 299_999;
    expect(waf.evaluate(request()).action).toBe('block');
    now += 300_000;
    expect(waf.evaluate(request()).action).toBe('allow');
  });

  it('scales EvaluationWindowSec by timeScale, keeping the limit', () => {
    let now = 0;
    const waf = new WebAclEvaluator(acl([rate(10, { EvaluationWindowSec: 60 })]), {
      now: () => now,
      timeScale: 0.01,
    });
    for (let i = 0; i < 10; i++) waf.evaluate(request());

    expect(waf.evaluate(request()).action).toBe('block');
    now += 601;
    expect(waf.evaluate(request()).action).toBe('allow');
  });

  it('counts only what the scope-down statement matches (And, Or, Not, byte matches with transformations)', () => {
    const scope = {
      AndStatement: {
        Statements: [
          {
            ByteMatchStatement: {
              FieldToMatch: { Method: {} },
              SearchString: 'POST',
              PositionalConstraint: 'EXACTLY',
              TextTransformations: [{ Priority: 0, Type: 'NONE' }],
            },
          },
          {
            OrStatement: {
              Statements: [
                {
                  ByteMatchStatement: {
                    FieldToMatch: { UriPath: {} },
                    SearchString: '/api/insights/reports',
                    PositionalConstraint: 'STARTS_WITH',
                    TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
                  },
                },
                {
                  ByteMatchStatement: {
                    FieldToMatch: { SingleHeader: { Name: 'X-Report' } },
                    SearchString: 'yes',
                    PositionalConstraint: 'CONTAINS',
                    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
                  },
                },
              ],
            },
          },
          {
            NotStatement: {
              Statement: {
                ByteMatchStatement: {
                  FieldToMatch: { QueryString: {} },
                  SearchString: 'dryRun',
                  PositionalConstraint: 'CONTAINS_WORD',
                  TextTransformations: [{ Priority: 0, Type: 'NONE' }],
                },
              },
            },
          },
        ],
      },
    };
    const waf = new WebAclEvaluator(acl([rate(10, { ScopeDownStatement: scope })]), { now: () => 0 });
    const report = request({ method: 'POST', uriPath: '/API/Insights/Reports' });
    for (let i = 0; i < 10; i++) waf.evaluate(report);
    for (let i = 0; i < 5; i++) waf.evaluate(request({ method: 'GET', uriPath: '/api/insights/reports' }));

    expect(waf.evaluate(request({ method: 'POST', uriPath: '/api/expenses' })).action).toBe('allow');
    expect(
      waf.evaluate(
        request({ method: 'POST', uriPath: '/api/insights/reports', rawQueryString: 'x=1&dryRun' }),
      ).action,
    ).toBe('allow');
    expect(
      waf.evaluate(request({ method: 'POST', uriPath: '/other', headers: { 'x-report': 'yes please' } }))
        .action,
    ).toBe('block');
  });

  it('keys FORWARDED_IP rules on the header and skips requests without it', () => {
    const waf = new WebAclEvaluator(
      acl([
        rate(10, {
          AggregateKeyType: 'FORWARDED_IP',
          ForwardedIPConfig: { HeaderName: 'X-Forwarded-For', FallbackBehavior: 'MATCH' },
        }),
      ]),
      { now: () => 0 },
    );
    const forwarded = request({ headers: { 'x-forwarded-for': '192.0.2.1, 10.0.0.1' } });
    for (let i = 0; i < 10; i++) waf.evaluate(forwarded);

    expect(waf.evaluate(forwarded).action).toBe('block');
    expect(waf.evaluate(request({ headers: { 'x-forwarded-for': '192.0.2.2' } })).action).toBe('allow');
    expect(waf.evaluate(request()).action).toBe('allow');
  });

  it('evaluates by Priority: an Allow before a rate rule wins, Count goes on, the default action applies last', () => {
    const allowHealth = {
      Name: 'AllowHealth',
      Priority: 0,
      Action: { Allow: {} },
      Statement: {
        ByteMatchStatement: {
          FieldToMatch: { UriPath: {} },
          SearchString: '/health',
          PositionalConstraint: 'EXACTLY',
          TextTransformations: [{ Priority: 0, Type: 'NONE' }],
        },
      },
    };
    const count = { ...rate(10, {}, 2), Name: 'Count', Action: { Count: {} } };
    const waf = new WebAclEvaluator(
      acl([count, rate(10, {}, 5), allowHealth], { Block: { CustomResponse: { ResponseCode: 401 } } }),
      { now: () => 0 },
    );

    expect(waf.evaluate(request({ uriPath: '/health' }))).toEqual({ action: 'allow', rule: 'AllowHealth' });
    expect(waf.evaluate(request())).toMatchObject({ action: 'block', status: 401, custom: true });
  });

  it('answers a CustomResponse with its code, body and x-amzn-waf- headers', () => {
    const def = acl([
      {
        ...rate(10),
        Action: {
          Block: {
            CustomResponse: {
              ResponseCode: 429,
              CustomResponseBodyKey: 'slow',
              ResponseHeaders: [{ Name: 'Retry-After', Value: '60' }],
            },
          },
        },
      },
    ]);
    def.customResponseBodies = { slow: { ContentType: 'APPLICATION_JSON', Content: '{"code":"SLOW_DOWN"}' } };
    const waf = new WebAclEvaluator(def, { now: () => 0 });
    for (let i = 0; i < 10; i++) waf.evaluate(request());

    expect(waf.evaluate(request())).toEqual({
      action: 'block',
      rule: 'rate10',
      status: 429,
      custom: true,
      headers: { 'x-amzn-waf-retry-after': '60' },
      body: { contentType: 'application/json', content: '{"code":"SLOW_DOWN"}' },
    });
  });
});

describe('what the local WAF reports', () => {
  it('names managed rule groups, unsupported statements and actions; blocks without a custom response', () => {
    const rules = [
      {
        Name: 'Common',
        Priority: 0,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
      },
      {
        Name: 'Geo',
        Priority: 1,
        Action: { Block: {} },
        Statement: { GeoMatchStatement: { CountryCodes: ['XX'] } },
      },
      {
        Name: 'Keys',
        Priority: 2,
        Action: { Block: {} },
        Statement: { RateBasedStatement: { Limit: 10, AggregateKeyType: 'CUSTOM_KEYS' } },
      },
      {
        Name: 'Captcha',
        Priority: 3,
        Action: { Captcha: {} },
        Statement: { RateBasedStatement: { Limit: 10 } },
      },
      rate(10, {}, 4),
    ];

    expect(unenforcedRules(rules)).toEqual([
      {
        name: 'Common',
        reason: 'AWS managed rule group AWS/AWSManagedRulesCommonRuleSet is not enforced locally',
      },
      { name: 'Geo', reason: 'GeoMatchStatement is not evaluated locally' },
      { name: 'Keys', reason: expect.stringContaining('CUSTOM_KEYS') },
      { name: 'Captcha', reason: expect.stringContaining('Captcha') },
    ]);
    expect(plainBlocks({ rules, defaultAction: { Block: {} } })).toEqual([
      'Geo',
      'Keys',
      'rate10',
      'DefaultAction',
    ]);
  });
});
