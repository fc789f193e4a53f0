import { DependencyCycleError } from './errors';
import { intrinsicKey } from './intrinsics';
import { substitutionNames } from './sub';

/** The parts of a template resource that decide its creation order. */
export interface DependencyNode {
  Properties?: unknown;
  DependsOn?: string | string[];
}

/** Every name a value refers to through Ref, Fn::GetAtt or Fn::Sub (resources, parameters, pseudo parameters). */
export function referencedNames(value: unknown, names: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, names);
    return names;
  }
  if (typeof value !== 'object' || value === null) return names;
  const record = value as Record<string, unknown>;
  const key = intrinsicKey(record);
  if (key === 'Ref' && typeof record.Ref === 'string') names.add(record.Ref);
  else if (key === 'Fn::GetAtt') names.add(getAttTarget(record[key]));
  else if (key === 'Fn::Sub') addSubNames(record[key], names);
  else for (const item of Object.values(record)) referencedNames(item, names);
  return names;
}

function getAttTarget(argument: unknown): string {
  if (typeof argument === 'string') return argument.split('.')[0] ?? argument;
  return Array.isArray(argument) ? String(argument[0]) : '';
}

function addSubNames(argument: unknown, names: Set<string>): void {
  const [template, variables] = Array.isArray(argument) ? argument : [argument, undefined];
  const local = new Set(typeof variables === 'object' && variables !== null ? Object.keys(variables) : []);
  if (typeof template === 'string') {
    for (const name of substitutionNames(template)) {
      const target = name.split('.')[0] ?? name;
      if (!local.has(name) && !local.has(target)) names.add(target);
    }
  }
  if (variables !== undefined) referencedNames(variables, names);
}

/** The resources one resource must wait for: its references and DependsOn, among `resourceIds`. */
export function dependenciesOf(node: DependencyNode, resourceIds: ReadonlySet<string>): string[] {
  const declared = node.DependsOn === undefined ? [] : [node.DependsOn].flat();
  const names = referencedNames(node.Properties, new Set(declared));
  return [...names].filter((name) => resourceIds.has(name));
}

/**
 * Orders resources so that each comes after everything it depends on, keeping template order among
 * independent ones.
 *
 * @throws DependencyCycleError naming the resources that wait for one another
 */
export function creationOrder(stack: string, resources: Record<string, DependencyNode>): string[] {
  const ids = new Set(Object.keys(resources));
  const waitingFor = new Map([...ids].map((id) => [id, new Set(dependenciesOf(resources[id] ?? {}, ids))]));
  const order: string[] = [];
  while (waitingFor.size > 0) {
    const ready = [...waitingFor].filter(([, deps]) => deps.size === 0).map(([id]) => id);
    if (ready.length === 0) throw new DependencyCycleError(stack, [...waitingFor.keys()]);
    for (const id of ready) {
      order.push(id);
      waitingFor.delete(id);
      for (const deps of waitingFor.values()) deps.delete(id);
    }
  }
  return order;
}
