import type { LocalCloudConfig } from '../core/config';
import { alreadyExistsError, limitExceededError, notFoundError, validationError } from './apiErrors';
import type { Bus, Rule, Target } from './model';
import { busArn, busNameOf, DEFAULT_BUS, ruleArn } from './names';
import type { ParsedPattern } from './pattern';

/** AWS quota: at most five targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

export interface RuleDefinition {
  name: string;
  busName?: string;
  pattern?: ParsedPattern;
  scheduleExpression?: string;
  state?: string;
  description?: string;
  roleArn?: string;
}

/** The buses, rules and targets of the local account, with the errors the EventBridge API gives for them. */
export class EventRegistry {
  private readonly buses = new Map<string, Bus>();
  private readonly ruleMap = new Map<string, Rule>();

  constructor(private readonly config: Pick<LocalCloudConfig, 'region' | 'accountId'>) {
    this.createBus(DEFAULT_BUS);
  }

  createBus(name: string): Bus {
    if (this.buses.has(name)) throw alreadyExistsError(`Event bus ${name} already exists.`);
    const bus = { name, arn: busArn(this.config, name), creationTime: new Date() };
    this.buses.set(name, bus);
    return bus;
  }

  deleteBus(name: string): void {
    if (name === DEFAULT_BUS) throw validationError('Cannot delete event bus default.');
    this.buses.delete(name);
    for (const [key, rule] of this.ruleMap) if (rule.busName === name) this.ruleMap.delete(key);
  }

  /** The bus a name or ARN refers to; `ResourceNotFoundException` when there is none. */
  bus(reference: unknown): Bus {
    const name = busNameOf(reference);
    const bus = this.buses.get(name);
    if (!bus) throw notFoundError(`Event bus ${name} does not exist.`);
    return bus;
  }

  hasBus(reference: unknown): boolean {
    return this.buses.has(busNameOf(reference));
  }

  listBuses(): Bus[] {
    return [...this.buses.values()];
  }

  /** Creates or replaces a rule; as PutRule, omitted fields are cleared and the targets are kept. */
  putRule(definition: RuleDefinition): Rule {
    if (!RULE_NAME.test(definition.name)) {
      throw validationError(
        `Rule name ${definition.name} is not valid: it must match [.\\-_A-Za-z0-9]{1,64}.`,
      );
    }
    if (!definition.pattern && !definition.scheduleExpression) {
      throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    }
    const bus = this.bus(definition.busName);
    const existing = this.ruleMap.get(key(bus.name, definition.name));
    const rule: Rule = {
      name: definition.name,
      busName: bus.name,
      arn: ruleArn(this.config, bus.name, definition.name),
      state: definition.state ?? 'ENABLED',
      eventPatternText: definition.pattern?.text,
      eventPattern: definition.pattern?.value,
      scheduleExpression: definition.scheduleExpression,
      description: definition.description,
      roleArn: definition.roleArn,
      targets: existing?.targets ?? new Map(),
    };
    this.ruleMap.set(key(bus.name, rule.name), rule);
    return rule;
  }

  /** The rule by name on a bus; `ResourceNotFoundException` as DescribeRule answers. */
  rule(name: string, busReference?: unknown): Rule {
    const busName = busNameOf(busReference);
    const rule = this.ruleMap.get(key(busName, name));
    if (!rule) throw notFoundError(`Rule ${name} does not exist on EventBus ${busName}.`);
    return rule;
  }

  /** Deletes a rule; a rule with targets cannot be deleted, and deleting a missing rule succeeds, as in AWS. */
  deleteRule(name: string, busReference?: unknown): void {
    const busName = busNameOf(busReference);
    const rule = this.ruleMap.get(key(busName, name));
    if (rule && rule.targets.size > 0) throw validationError("Rule can't be deleted since it has targets.");
    this.ruleMap.delete(key(busName, name));
  }

  rulesOn(busName: string): Rule[] {
    return [...this.ruleMap.values()].filter((rule) => rule.busName === busName);
  }

  allRules(): Rule[] {
    return [...this.ruleMap.values()];
  }

  /** Adds or replaces targets by Id, refusing to go past five targets on the rule. */
  putTargets(rule: Rule, targets: Target[]): void {
    const ids = new Set([...rule.targets.keys(), ...targets.map((target) => target.Id)]);
    if (ids.size > MAX_TARGETS_PER_RULE) {
      throw limitExceededError(
        `The requested resource exceeds the maximum number allowed (${MAX_TARGETS_PER_RULE} targets per rule).`,
      );
    }
    for (const target of targets) rule.targets.set(target.Id, target);
  }

  removeTargets(rule: Rule, ids: string[]): void {
    for (const id of ids) rule.targets.delete(id);
  }
}

const key = (busName: string, ruleName: string) => `${busName}|${ruleName}`;
