import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseDocument } from 'yaml';

// The routing of the shared contract, as the distribution declares it (the local edge reads the same).
interface Behaviour {
  PathPattern: string;
  TargetOriginId: string;
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  AllowedMethods: string[];
  FunctionAssociations?: { EventType: string }[];
}
const resources = parseDocument(
  readFileSync(new URL('../resources/distribution.yml', import.meta.url), 'utf8'),
  {
    logLevel: 'silent',
  },
).toJSON().Resources;
const config = resources.Distribution.Properties.DistributionConfig;
const behaviours = config.CacheBehaviors as Behaviour[];

const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('the distribution', () => {
  it('routes each API prefix of the shared contract to its service', () => {
    expect(
      behaviours
        .filter((b) => b.PathPattern.startsWith('/api'))
        .map((b) => [b.PathPattern, b.TargetOriginId]),
    ).toEqual([
      ['/api/expenses*', 'api-expenses'],
      ['/api/categories*', 'api-catalog'],
      ['/api/budgets*', 'api-catalog'],
      ['/api/merchant-rules*', 'api-catalog'],
      ['/api/insights/*', 'api-insights'],
      ['/api/notifications*', 'api-notifications'],
    ]);
  });

  it('caches no API answer, forwards every viewer header but Host and every method, and strips /api', () => {
    for (const behaviour of behaviours.filter((b) => b.PathPattern.startsWith('/api'))) {
      expect(behaviour).toMatchObject({
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
        FunctionAssociations: [{ EventType: 'viewer-request' }],
      });
    }
  });

  it('serves the app from the bucket: hashed assets and the rest cached by CachingOptimized, SPA routes by a function', () => {
    expect(behaviours.find((b) => b.PathPattern === '/assets/*')).toMatchObject({
      TargetOriginId: 'web',
      CachePolicyId: CACHING_OPTIMIZED,
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: 'web',
      CachePolicyId: CACHING_OPTIMIZED,
      FunctionAssociations: [{ EventType: 'viewer-request' }],
    });
    expect(config.DefaultRootObject).toBe('index.html');
    // CustomErrorResponses would also rewrite the APIs' 403/404 answers into index.html.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('sends the origin secret to every API origin and to no other', () => {
    const origins = config.Origins as { Id: string; OriginCustomHeaders?: { HeaderName: string }[] }[];

    expect(
      origins
        .filter((o) => o.OriginCustomHeaders?.some((h) => h.HeaderName === 'x-origin-verify'))
        .map((o) => o.Id),
    ).toEqual(['api-expenses', 'api-catalog', 'api-insights', 'api-notifications']);
  });
});
