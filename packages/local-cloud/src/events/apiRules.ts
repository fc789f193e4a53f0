import { missingMemberError } from './apiErrors';
import { type Input, optionalString, page, requiredString } from './apiInput';
import type { EventBridgeEngine } from './engine';
import type { Rule, Target } from './model';
import { parsePattern } from './pattern';
import { classifyTarget } from './targetKinds';
import { normalizeTarget } from './targets';

const describe = (rule: Rule) => ({
  Name: rule.name,
  Arn: rule.arn,
  EventBusName: rule.busName,
  State: rule.state,
  EventPattern: rule.eventPatternText,
  ScheduleExpression: rule.scheduleExpression,
  Description: rule.description,
  RoleArn: rule.roleArn,
});

export function putRule(engine: EventBridgeEngine, input: Input) {
  const pattern = optionalString(input, 'EventPattern');
  const rule = engine.registry.putRule({
    name: requiredString(input, 'Name'),
    busName: optionalString(input, 'EventBusName'),
    pattern: pattern === undefined ? undefined : parsePattern(pattern),
    scheduleExpression: optionalString(input, 'ScheduleExpression'),
    state: optionalString(input, 'State'),
    description: optionalString(input, 'Description'),
    roleArn: optionalString(input, 'RoleArn'),
  });
  return { RuleArn: rule.arn };
}

export function describeRule(engine: EventBridgeEngine, input: Input) {
  return {
    ...describe(engine.registry.rule(requiredString(input, 'Name'), input.EventBusName)),
    CreatedBy: engine.ctx.config.accountId,
  };
}

export function listRules(engine: EventBridgeEngine, input: Input) {
  const bus = engine.registry.bus(input.EventBusName);
  const { items, nextToken } = page(engine.registry.rulesOn(bus.name), input);
  return { Rules: items.map(describe), NextToken: nextToken };
}

export function deleteRule(engine: EventBridgeEngine, input: Input) {
  engine.registry.deleteRule(requiredString(input, 'Name'), input.EventBusName);
  return {};
}

/** EnableRule / DisableRule. */
export const setRuleState = (state: 'ENABLED' | 'DISABLED') => (engine: EventBridgeEngine, input: Input) => {
  engine.registry.rule(requiredString(input, 'Name'), input.EventBusName).state = state;
  return {};
};

export function putTargets(engine: EventBridgeEngine, input: Input) {
  const rule = engine.registry.rule(requiredString(input, 'Rule'), input.EventBusName);
  if (!Array.isArray(input.Targets)) throw missingMemberError('targets');
  const targets = input.Targets.map(normalizeTarget);
  engine.registry.putTargets(rule, targets);
  for (const target of targets) warnIfUnsupported(engine, rule, target);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

function warnIfUnsupported(engine: EventBridgeEngine, rule: Rule, target: Target): void {
  const kind = classifyTarget(target.Arn);
  if ('unsupported' in kind) {
    engine.ctx.log(
      `events: target ${target.Id} of rule ${rule.name}: ${kind.unsupported} targets are not emulated`,
    );
  }
}

export function removeTargets(engine: EventBridgeEngine, input: Input) {
  const rule = engine.registry.rule(requiredString(input, 'Rule'), input.EventBusName);
  if (!Array.isArray(input.Ids)) throw missingMemberError('ids');
  engine.registry.removeTargets(rule, input.Ids.map(String));
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(engine: EventBridgeEngine, input: Input) {
  const rule = engine.registry.rule(requiredString(input, 'Rule'), input.EventBusName);
  return { Targets: [...rule.targets.values()] };
}
