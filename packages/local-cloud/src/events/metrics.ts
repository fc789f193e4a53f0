import type { LocalCloud } from '../core/context';
import type { RuleRef } from './model';

export const EVENTS_NAMESPACE = 'AWS/Events';

/** Per-rule metrics EventBridge publishes (AWS/Events, dimension RuleName). */
export type RuleMetric =
  | 'TriggeredRules'
  | 'Invocations'
  | 'FailedInvocations'
  | 'InvocationsSentToDlq'
  | 'InvocationsFailedToBeSentToDlq';

/**
 * Counts one occurrence for a rule, under `{RuleName}` and under `{EventBusName, RuleName}` (the pair alarms on
 * custom-bus rules use), since a local alarm matches dimensions exactly.
 */
export function countRuleMetric(ctx: LocalCloud, rule: RuleRef, name: RuleMetric, timestamp: Date): void {
  const dimensionSets: Record<string, string>[] = [
    { RuleName: rule.name },
    { EventBusName: rule.busName, RuleName: rule.name },
  ];
  for (const dimensions of dimensionSets) {
    ctx.metrics.put({ namespace: EVENTS_NAMESPACE, name, dimensions, value: 1, unit: 'Count', timestamp });
  }
}

/** `MatchedEvents`: events that matched any rule (no dimensions). */
export function countMatchedEvent(ctx: LocalCloud, timestamp: Date): void {
  ctx.metrics.put({
    namespace: EVENTS_NAMESPACE,
    name: 'MatchedEvents',
    dimensions: {},
    value: 1,
    unit: 'Count',
    timestamp,
  });
}
