import { type Input, optionalString, page, requiredString } from './apiInput';
import type { EventBridgeEngine } from './engine';
import { DEFAULT_BUS } from './names';

export function listEventBuses(engine: EventBridgeEngine, input: Input) {
  const { items, nextToken } = page(engine.registry.listBuses(), input);
  return { EventBuses: items.map((bus) => ({ Name: bus.name, Arn: bus.arn })), NextToken: nextToken };
}

export function describeEventBus(engine: EventBridgeEngine, input: Input) {
  const bus = engine.registry.bus(optionalString(input, 'Name') ?? DEFAULT_BUS);
  return { Name: bus.name, Arn: bus.arn };
}

export function createEventBus(engine: EventBridgeEngine, input: Input) {
  return { EventBusArn: engine.registry.createBus(requiredString(input, 'Name')).arn };
}

export function deleteEventBus(engine: EventBridgeEngine, input: Input) {
  engine.registry.deleteBus(requiredString(input, 'Name'));
  return {};
}
