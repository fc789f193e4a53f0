import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { LocalDistribution, type ResolvedBehavior, type ViewerRequest } from './distribution';
import type { DistributionDef } from './model';
import { WebAclEvaluator } from './waf';

const webRoot = mkdtempSync(join(tmpdir(), 'spendwise-edge-unit-'));
writeFileSync(join(webRoot, 'index.html'), 'app shell');

const origin = {
  id: 'web',
  domainName: 'b.s3.eu-west-1.amazonaws.com',
  originPath: '',
  customHeaders: [],
  s3: true,
};
const def: DistributionDef = {
  stack: 'edge',
  logicalId: 'Distribution',
  id: 'E1',
  domainName: 'd1.cloudfront.net',
  origins: [origin],
  defaultBehavior: { targetOriginId: 'web', allowedMethods: [], functionAssociations: [] },
  behaviors: [],
  customErrorResponses: [{ errorCode: 403, responseCode: 200, responsePagePath: '/index.html' }],
  aliases: [],
  enabled: true,
};
const behavior: ResolvedBehavior = { def: def.defaultBehavior, matches: () => true, origin };
const viewer: ViewerRequest = {
  method: 'GET',
  rawPath: '/index.html',
  rawQueryString: '',
  headers: {},
  body: Buffer.alloc(0),
  ip: '198.51.100.9',
};

/** A distribution whose web ACL blocks the second request of an IP with `action`. */
function blockingDistribution(action: Record<string, unknown>) {
  const waf = new WebAclEvaluator(
    {
      stack: 'edge',
      logicalId: 'WebAcl',
      name: 'web',
      id: 'a',
      arn: 'arn',
      scope: 'CLOUDFRONT',
      defaultAction: { Allow: {} },
      rules: [
        {
          Name: 'PerIp',
          Priority: 0,
          Action: action,
          Statement: { RateBasedStatement: { Limit: 1, AggregateKeyType: 'IP' } },
        },
      ],
      customResponseBodies: {},
    },
    { now: () => 0 },
  );
  const origins = { webRoot, api: async () => undefined, runtimeConfig: () => undefined };
  return new LocalDistribution(def, [], behavior, origins, waf);
}

describe('a WAF block and the custom error pages', () => {
  it('is replaced by the 403 custom error page when it has no CustomResponse, as CloudFront does', async () => {
    const distribution = blockingDistribution({ Block: {} });
    await distribution.handle(viewer);

    const blocked = await distribution.handle(viewer);

    expect(blocked.status).toBe(200);
    expect(blocked.body.toString()).toBe('app shell');
    expect(blocked.headers['x-cache']).toBe('Error from cloudfront');
  });

  it('keeps a CustomResponse, which takes precedence over CloudFront’s error pages', async () => {
    const distribution = blockingDistribution({ Block: { CustomResponse: { ResponseCode: 403 } } });
    await distribution.handle(viewer);

    const blocked = await distribution.handle(viewer);

    expect(blocked.status).toBe(403);
    expect(blocked.body.toString()).toContain('Request blocked.');
  });
});
