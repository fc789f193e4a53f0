import {
  asNode,
  isNode,
  loadService,
  nameOf,
  normalizedName,
  type Resource,
  referencedId,
  type Service,
  type ServiceSources,
} from './serviceModel';

export { readServiceSources, type ServiceSources, type SourceFile } from './serviceModel';

/** Where a rule delivers: `kind` and `name` of the target, and the functions reading it when it is a queue. */
export interface RuleTarget {
  readonly kind: string;
  readonly name: string;
  readonly readBy: readonly string[];
}

/** An `AWS::Events::Rule` on the Spendwise bus with an event pattern. */
export interface EventRule {
  readonly service: string;
  readonly logicalId: string;
  readonly file: string;
  readonly pattern: Record<string, unknown>;
  readonly targets: readonly RuleTarget[];
}

const BUS = /(^|[/:])spendwise-<stage>$/;
const KINDS: Record<string, string> = {
  'AWS::SQS::Queue': 'SQS queue',
  'AWS::Logs::LogGroup': 'log group',
  'AWS::StepFunctions::StateMachine': 'state machine',
  'AWS::SNS::Topic': 'SNS topic',
  'AWS::Lambda::Function': 'function',
  'AWS::Events::EventBus': 'event bus',
};
const ARN_KINDS: Record<string, string> = {
  sqs: 'SQS queue',
  logs: 'log group',
  states: 'state machine',
  sns: 'SNS topic',
  lambda: 'function',
  events: 'event bus',
};

/**
 * Every `AWS::Events::Rule` on the Spendwise bus (`spendwise-<stage>`) that has an event pattern, with its
 * targets. Rules on other buses (the default bus, schedules) are no consumers of Spendwise events.
 */
export function discoverRules(sources: readonly ServiceSources[]): EventRule[] {
  return sources.flatMap((serviceSources) => {
    const service = loadService(serviceSources);
    return [...service.resources.values()]
      .filter(({ definition }) => definition.Type === 'AWS::Events::Rule')
      .flatMap((resource) => {
        const properties = asNode(resource.definition.Properties);
        const pattern = eventPattern(properties.EventPattern, resource);
        if (!pattern || !BUS.test(nameOf(properties.EventBusName, service) ?? '')) return [];
        const targets = Array.isArray(properties.Targets) ? properties.Targets.map(asNode) : [];
        return [
          {
            service: service.name,
            logicalId: resource.logicalId,
            file: resource.file,
            pattern,
            targets: targets.map((target) => describeTarget(target.Arn, service)),
          },
        ];
      })
      .sort((a, b) => compare(a.logicalId, b.logicalId));
  });
}

function eventPattern(value: unknown, resource: Resource): Record<string, unknown> | undefined {
  if (typeof value !== 'string') return isNode(value) ? value : undefined;
  try {
    return asNode(JSON.parse(value));
  } catch {
    throw new Error(`${resource.file}: ${resource.logicalId} has an EventPattern that is not JSON`);
  }
}

function describeTarget(arn: unknown, service: Service): RuleTarget {
  const id = referencedId(arn);
  const resource = id === undefined ? undefined : service.resources.get(id);
  if (resource) {
    const kind = KINDS[String(resource.definition.Type)] ?? String(resource.definition.Type);
    const name = nameOf(arn, service) ?? resource.logicalId;
    const readBy =
      resource.definition.Type === 'AWS::SQS::Queue' ? queueReaders(resource, name, service) : [];
    return { kind, name, readBy };
  }
  const functionName = [...service.functions.keys()].find(
    (key) => `${normalizedName(key)}LambdaFunction` === id,
  );
  if (functionName) return { kind: 'function', name: functionName, readBy: [] };
  const machine = service.stateMachines.find((candidate) => candidate.logicalId === id);
  if (machine)
    return { kind: 'state machine', name: nameOf(machine.name, service) ?? machine.name, readBy: [] };
  // Pseudo parameters hold colons of their own (`${AWS::Region}`): drop them before splitting the ARN.
  const text = (nameOf(arn, service) ?? JSON.stringify(arn)).replace(/\$\{AWS::(\w+)\}/g, '$1');
  const parts = text.split(':');
  const kind = ARN_KINDS[parts[2] ?? ''] ?? 'target';
  const name =
    parts.length >= 6
      ? parts
          .slice(5)
          .join(':')
          .replace(/^[a-z-]+\//, '')
      : text;
  return { kind, name, readBy: kind === 'SQS queue' ? queueReaders(undefined, name, service) : [] };
}

/** Functions of the service with an `sqs` event on the queue (by logical id or by name in its ARN). */
function queueReaders(queue: Resource | undefined, queueName: string, service: Service): string[] {
  const readsQueue = (event: unknown) => {
    const sqs = asNode(event).sqs;
    const arn = isNode(sqs) ? sqs.arn : sqs;
    const id = referencedId(arn);
    if (id !== undefined) return queue !== undefined && id === queue.logicalId;
    return nameOf(arn, service)?.endsWith(`:${queueName}`) === true;
  };
  return [...service.functions]
    .filter(([, definition]) => (Array.isArray(definition.events) ? definition.events : []).some(readsQueue))
    .map(([name]) => name)
    .sort(compare);
}

/** Code-point order, the same on every machine (localeCompare depends on the locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
