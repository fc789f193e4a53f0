import type { AuthEngine } from '../auth';
import type { LocalCloud } from '../core/context';
import type { ResourceProvider } from '../core/resources';
import type { ApiRequest } from '../httpApi/request';
import type { ApiResponse } from '../httpApi/response';
import { CloudFrontFunction } from './cloudFrontFunction';
import { apiIdOf, type EdgeOrigins, LocalDistribution, type ResolvedBehavior } from './distribution';
import { EdgeProvider } from './edgeProvider';
import { EdgeServer } from './edgeServer';
import { localCsp } from './localCsp';
import {
  type BehaviorDef,
  type DistributionDef,
  type HeadersPolicyDef,
  MANAGED_CACHE_POLICIES,
  MANAGED_ORIGIN_REQUEST_POLICIES,
  MANAGED_RESPONSE_HEADERS_POLICIES,
} from './model';
import { pathPatternMatcher } from './pathPattern';
import { EdgeRegistry } from './registry';
import { type RuntimeConfig, runtimeConfig } from './runtimeConfig';
import { isDirectory } from './staticOrigin';
import { plainBlocks, WebAclEvaluator } from './waf';

export interface EdgeEngineOptions {
  /** Folder served as the S3 origin (the built web app). */
  webRoot: string;
  /** Port of the first distribution (default 3000; 0: a free port); the next ones take the following ports. */
  webPort?: number;
  /** Rate-based rule windows relative to AWS (default 1). */
  wafTimeScale?: number;
  /** The WAF's clock (tests). */
  now?: () => number;
}

/** What the edge reaches once the rest of the local cloud is up. */
export interface EdgeStartInput {
  /** In-process access to the local HTTP APIs (HttpApiEngine.forward). */
  apis: {
    forward(apiId: string, request: ApiRequest): Promise<ApiResponse | undefined>;
    apis(): { apiId: string }[];
  };
  auth: Pick<AuthEngine, 'issuers' | 'clientScopes'>;
  awsEndpoint: string;
}

/** One distribution being served. */
export interface ServedDistribution {
  stack: string;
  logicalId: string;
  id: string;
  url: string;
}

/**
 * The local CloudFront (and WAF): records the edge resources while the stacks deploy, then serves every
 * `AWS::CloudFront::Distribution` on its own loopback port (`http://localhost:<port>`), its S3 origins from the
 * web root, its API Gateway origins from the local HTTP APIs in-process, its web ACL's rate-based rules enforced.
 * What it cannot honour is reported by name through `ctx.report`.
 */
export class EdgeEngine {
  private readonly registry = new EdgeRegistry();
  /** Response headers policies as served locally (CSP adapted), by id. */
  private readonly localPolicies = new Map<string, HeadersPolicyDef | undefined>();
  private awsEndpoint = '';
  private readonly servers: {
    server: EdgeServer;
    served: ServedDistribution;
    distribution: LocalDistribution;
  }[] = [];

  constructor(
    private readonly ctx: LocalCloud,
    private readonly options: EdgeEngineOptions,
  ) {}

  providers(): ResourceProvider[] {
    return [new EdgeProvider(this.registry, this.options.webRoot)];
  }

  async start(input: EdgeStartInput): Promise<ServedDistribution[]> {
    const basePort = this.options.webPort ?? 3000;
    this.awsEndpoint = input.awsEndpoint;
    const ssmClientId = this.ctx.ssm.get(`/spendwise/${this.ctx.config.stage}/auth/app-client-id`);
    let config: RuntimeConfig | undefined;
    const origins = (): EdgeOrigins => ({
      webRoot: this.options.webRoot,
      api: async (apiId, request) => input.apis.forward(apiId, request),
      runtimeConfig: () => {
        config ??= runtimeConfig({
          auth: input.auth,
          awsEndpoint: input.awsEndpoint,
          stage: this.ctx.config.stage,
          ...(ssmClientId ? { appClientId: ssmClientId } : {}),
        });
        return config;
      },
    });
    const webRootBuilt = await isDirectory(this.options.webRoot);
    for (const def of this.registry.distributions) {
      if (this.servers.some(({ served }) => served.id === def.id)) continue;
      if (!def.enabled) {
        this.report(def, 'DistributionConfig.Enabled', 'the distribution is disabled: not served');
        continue;
      }
      const distribution = this.build(def, origins(), input, webRootBuilt);
      const server = new EdgeServer(distribution, this.ctx.config.allowedHosts, (error) =>
        this.ctx.log(`local edge ${def.logicalId}: ${error instanceof Error ? error.stack : String(error)}`),
      );
      const port = await server.listen(
        this.ctx.config.host,
        basePort === 0 ? 0 : basePort + this.servers.length,
      );
      const served = {
        stack: def.stack,
        logicalId: def.logicalId,
        id: def.id,
        url: `http://localhost:${port}`,
      };
      this.servers.push({ server, served, distribution });
    }
    return this.distributions();
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map(({ server }) => server.close()));
    this.servers.length = 0;
  }

  distributions(): ServedDistribution[] {
    return this.servers.map(({ served }) => served);
  }

  /** The served distribution (the first when no id is given), for tests that call it without HTTP. */
  distribution(id?: string): LocalDistribution | undefined {
    return (id ? this.servers.find(({ served }) => served.id === id) : this.servers[0])?.distribution;
  }

  private build(
    def: DistributionDef,
    origins: EdgeOrigins,
    input: EdgeStartInput,
    webRootBuilt: boolean,
  ): LocalDistribution {
    const served = new Set(input.apis.apis().map((api) => api.apiId));
    for (const origin of def.origins) {
      if (origin.s3) {
        if (!webRootBuilt) {
          this.report(
            def,
            `Origins[${origin.id}]`,
            `the web app is not built (${this.options.webRoot} is missing): pages answer 503 until \`pnpm --filter @spendwise/web build\``,
          );
        }
        continue;
      }
      const apiId = apiIdOf(origin.domainName);
      if (!apiId || !served.has(apiId)) {
        this.report(
          def,
          `Origins[${origin.id}]`,
          `${origin.domainName} is not a local HTTP API: requests to it answer 502`,
        );
      }
    }
    const resolve = (behavior: BehaviorDef): ResolvedBehavior => this.resolveBehavior(def, behavior);
    const waf = def.webAclId ? this.webAclFor(def, def.webAclId) : undefined;
    return new LocalDistribution(def, def.behaviors.map(resolve), resolve(def.defaultBehavior), origins, waf);
  }

  /** The web ACL `WebACLId` names (by ARN, id or Ref), in any stack; reported when there is none. */
  private webAclFor(def: DistributionDef, reference: string): WebAclEvaluator | undefined {
    const acl = this.registry.webAcl(reference);
    if (!acl) {
      this.report(
        def,
        'DistributionConfig.WebACLId',
        `${reference} is not a web ACL of the templates: no WAF locally`,
      );
      return undefined;
    }
    const masked = def.customErrorResponses.find((item) => item.errorCode === 403 && item.responsePagePath);
    const plain = plainBlocks(acl);
    if (masked && plain.length > 0) {
      this.report(
        def,
        'CustomErrorResponses[403]',
        `WAF blocks without a CustomResponse (${plain.join(', ')}) are answered with ${masked.responsePagePath} (${masked.responseCode ?? 403}), as CloudFront does: give them a CustomResponse to keep a 403/429`,
      );
    }
    return new WebAclEvaluator(acl, {
      timeScale: this.options.wafTimeScale ?? 1,
      ...(this.options.now ? { now: this.options.now } : {}),
    });
  }

  private resolveBehavior(def: DistributionDef, behavior: BehaviorDef): ResolvedBehavior {
    const where = behavior.pathPattern ?? 'DefaultCacheBehavior';
    const lookup = <T>(
      id: string | undefined,
      own: Map<string, T>,
      managed: Record<string, T>,
      what: string,
    ) => {
      if (!id) return undefined;
      const found = own.get(id) ?? managed[id];
      if (!found)
        this.report(
          def,
          `${where}.${what}`,
          `${id} is not a managed or template policy the local edge knows: ignored`,
        );
      return found;
    };
    const resolved: ResolvedBehavior = {
      def: behavior,
      matches: behavior.pathPattern === undefined ? () => true : pathPatternMatcher(behavior.pathPattern),
      origin: def.origins.find((origin) => origin.id === behavior.targetOriginId),
      cachePolicy: lookup(
        behavior.cachePolicyId,
        this.registry.cachePolicies,
        MANAGED_CACHE_POLICIES,
        'CachePolicyId',
      ),
      originRequestPolicy: lookup(
        behavior.originRequestPolicyId,
        this.registry.originRequestPolicies,
        MANAGED_ORIGIN_REQUEST_POLICIES,
        'OriginRequestPolicyId',
      ),
      headersPolicy: this.localHeadersPolicy(
        def,
        lookup(
          behavior.responseHeadersPolicyId,
          this.registry.headersPolicies,
          MANAGED_RESPONSE_HEADERS_POLICIES,
          'ResponseHeadersPolicyId',
        ),
      ),
    };
    if (!resolved.origin)
      this.report(def, `${where}.TargetOriginId`, `no origin ${behavior.targetOriginId}: answers 502`);
    for (const association of behavior.functionAssociations) {
      const fnDef = this.registry.functions.get(association.functionArn);
      if (!fnDef) {
        this.report(
          def,
          `${where}.FunctionAssociations`,
          `${association.functionArn} is not a function of the templates: not run`,
        );
        continue;
      }
      const fn = new CloudFrontFunction(fnDef, (line) => this.ctx.log(line));
      if (association.eventType === 'viewer-request') resolved.viewerRequest = fn;
      else if (association.eventType === 'viewer-response') resolved.viewerResponse = fn;
      else
        this.report(def, `${where}.FunctionAssociations`, `event type ${association.eventType} is not run`);
    }
    return resolved;
  }

  /** The policy with its Content-Security-Policy adapted to the local issuer and plain HTTP (reported once). */
  private localHeadersPolicy(
    def: DistributionDef,
    policy: HeadersPolicyDef | undefined,
  ): HeadersPolicyDef | undefined {
    if (!policy) return undefined;
    if (this.localPolicies.has(policy.id)) return this.localPolicies.get(policy.id);
    const awsOrigin = this.awsEndpoint ? new URL(this.awsEndpoint).origin : '';
    const headers = policy.headers.map((header) => {
      const adapted =
        header.name === 'content-security-policy' && awsOrigin
          ? localCsp(header.value, awsOrigin)
          : undefined;
      return adapted ? { ...header, value: adapted } : header;
    });
    if (headers.some((header, index) => header !== policy.headers[index])) {
      this.report(
        def,
        `ResponseHeadersPolicy ${policy.id}: Content-Security-Policy`,
        `served with ${awsOrigin} in connect-src and form-action (the local issuer) and without upgrade-insecure-requests (plain HTTP)`,
      );
    }
    const local = { ...policy, headers };
    this.localPolicies.set(policy.id, local);
    return local;
  }

  private report(def: DistributionDef, property: string, reason: string): void {
    this.ctx.report({
      stack: def.stack,
      logicalId: def.logicalId,
      type: 'AWS::CloudFront::Distribution',
      property,
      reason,
    });
  }
}
