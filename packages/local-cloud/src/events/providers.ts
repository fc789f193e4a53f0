import { randomUUID } from 'node:crypto';
import type { LocalCloud } from '../core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import type { EventBridgeEngine } from './engine';
import { ruleRefValue } from './names';
import { parsePattern } from './pattern';
import { normalizeTarget, unhonouredTargetParts } from './targets';

/** Reports every property the provider does not honour, with its reason (default: not emulated). */
function reportUnhonoured(
  ctx: LocalCloud,
  resource: ResolvedResource,
  honoured: readonly string[],
  reasons: Record<string, string> = {},
): void {
  for (const property of Object.keys(resource.properties)) {
    if (honoured.includes(property)) continue;
    ctx.report({ ...where(resource), property, reason: reasons[property] ?? 'not emulated' });
  }
}

const where = (resource: ResolvedResource) => ({
  stack: resource.stack,
  logicalId: resource.logicalId,
  type: resource.type,
});

/** A physical name as CloudFormation generates one: `<stack>-<logicalId>-<random>`, within `max` characters. */
export function generatedName(resource: ResolvedResource, max: number): string {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase();
  const base = `${resource.stack}-${resource.logicalId}`.slice(0, max - suffix.length - 1);
  return `${base}-${suffix}`;
}

const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

/** AWS::Events::EventBus — Ref is the name; GetAtt Arn, Name. */
export function eventBusProvider(engine: EventBridgeEngine): ResourceProvider {
  return {
    types: ['AWS::Events::EventBus'],
    async create(resource, ctx): Promise<CreatedResource> {
      reportUnhonoured(ctx, resource, ['Name', 'Description', 'Tags'], {
        EventSourceName: 'partner event sources do not exist locally',
        Policy: 'resource policies are not enforced',
        KmsKeyIdentifier: 'events are kept unencrypted in memory',
      });
      const bus = engine.registry.createBus(String(resource.properties.Name));
      return { ref: bus.name, attributes: { Arn: bus.arn, Name: bus.name } };
    },
  };
}

const RULE_PROPERTIES = [
  'Name',
  'Description',
  'EventBusName',
  'EventPattern',
  'ScheduleExpression',
  'State',
  'Targets',
  'RoleArn',
];

/**
 * AWS::Events::Rule — Ref is the name, or `<bus>|<name>` on a custom bus; GetAtt Arn. A ScheduleExpression is kept
 * for the scheduler engine (see `EventBridgeEngine.scheduledRules`).
 */
export function ruleProvider(engine: EventBridgeEngine): ResourceProvider {
  return {
    types: ['AWS::Events::Rule'],
    async create(resource, ctx): Promise<CreatedResource> {
      reportUnhonoured(ctx, resource, RULE_PROPERTIES);
      const p = resource.properties;
      const rule = engine.registry.putRule({
        name: text(p.Name) ?? generatedName(resource, 64),
        busName: text(p.EventBusName),
        pattern: p.EventPattern === undefined ? undefined : parsePattern(p.EventPattern),
        scheduleExpression: text(p.ScheduleExpression),
        state: text(p.State),
        description: text(p.Description),
        roleArn: text(p.RoleArn),
      });
      const targets = (Array.isArray(p.Targets) ? p.Targets : []).map(normalizeTarget);
      engine.registry.putTargets(rule, targets);
      for (const part of targets.flatMap(unhonouredTargetParts)) ctx.report({ ...where(resource), ...part });
      return { ref: ruleRefValue(rule.busName, rule.name), attributes: { Arn: rule.arn } };
    },
  };
}

/** AWS::Events::Archive — Ref is the archive name; GetAtt Arn. */
export function archiveProvider(engine: EventBridgeEngine): ResourceProvider {
  return {
    types: ['AWS::Events::Archive'],
    async create(resource, ctx): Promise<CreatedResource> {
      reportUnhonoured(
        ctx,
        resource,
        ['ArchiveName', 'SourceArn', 'EventPattern', 'RetentionDays', 'Description'],
        {
          KmsKeyIdentifier: 'archived events are kept unencrypted in memory',
        },
      );
      const p = resource.properties;
      const sourceArn = String(p.SourceArn);
      const archive = engine.archives.create(
        {
          name: text(p.ArchiveName) ?? generatedName(resource, 48),
          sourceArn,
          busName: engine.registry.bus(sourceArn).name,
          description: text(p.Description),
          pattern: p.EventPattern === undefined ? undefined : parsePattern(p.EventPattern),
          retentionDays: Number(p.RetentionDays ?? 0),
        },
        engine.now(),
      );
      return { ref: archive.name, attributes: { Arn: archive.arn } };
    },
  };
}

/** The providers of the EventBridge resource types. */
export const eventsResourceProviders = (engine: EventBridgeEngine): ResourceProvider[] => [
  eventBusProvider(engine),
  ruleProvider(engine),
  archiveProvider(engine),
];
