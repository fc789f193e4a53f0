/**
 * The calls the local cloud's engines make on behalf of deployed resources, read from the deployed stacks,
 * with the principal AWS would authorise each as: a rule's delivery to its targets (the target's role, or the
 * resource policy of the queue / topic / function / log group for `events.amazonaws.com` with the rule as
 * `aws:SourceArn`),
 * SNS subscriptions, API Gateway's and the scheduler's invocations, alarm actions, Step Functions tasks, event
 * source mappings, asynchronous invocation destinations and function logs.
 *
 * Used to audit a deployment's permissions as a whole before any request is made (`scripts/iamAudit.ts`), and,
 * once wired, as the list of what each engine must authorise.
 */
import type { DeployedStack } from '../deploy/template';
import type { PolicySet } from './policies';
import {
  type AuthorizationCheck,
  authorizationChecks,
  type ContextValues,
  functionArn,
  queueArn,
} from './resources';
import { list, record, str } from './values';

/** One API call an engine makes to deliver to a target. */
export interface DeliveryCall {
  service: string;
  operation: string;
  input: Record<string, unknown>;
}

/**
 * The API calls that deliver to a target ARN (queue, topic, function, state machine, bus, log group), as an engine
 * makes them on behalf of a rule, a subscription, a schedule, an alarm or a destination; none for other targets.
 * A log group takes two: EventBridge creates a log stream (`stream`; locally the event's id) and puts the event
 * in it.
 *
 * @example deliveryCalls(queueArn) // [{ service: 'sqs', operation: 'SendMessage', input: { QueueUrl: queueArn } }]
 */
export function deliveryCalls(
  target: string,
  payload: Record<string, unknown> = {},
  stream = 'event-id',
): DeliveryCall[] {
  const service = target.split(':')[2] ?? '';
  switch (service) {
    case 'sqs':
      return [{ service, operation: 'SendMessage', input: { QueueUrl: target } }];
    case 'sns':
      return [{ service, operation: 'Publish', input: { TopicArn: target } }];
    case 'lambda':
      return [{ service, operation: 'Invoke', input: { FunctionName: target } }];
    case 'states':
      return [{ service, operation: 'StartExecution', input: { stateMachineArn: target } }];
    case 'events':
      return [
        { service, operation: 'PutEvents', input: { Entries: [{ EventBusName: target, ...payload }] } },
      ];
    case 'logs': {
      const group = /:log-group:(.+?)(?::\*)?$/.exec(target)?.[1];
      if (!group) return [];
      const input = { logGroupName: group, logStreamName: stream };
      return [
        { service, operation: 'CreateLogStream', input },
        { service, operation: 'PutLogEvents', input },
      ];
    }
    default:
      return [];
  }
}

export interface PlannedCall {
  /** What makes the call, for a person: `rule spendwise-dev-insights-spending → queue …`. */
  caller: string;
  /** `<stack>/<logicalId>` of the resource the call is on behalf of. */
  source: string;
  /** A role ARN or a service principal (`events.amazonaws.com`). */
  principal: string;
  check: AuthorizationCheck;
}

/**
 * Every call an engine makes on behalf of the deployed resources.
 *
 * @example for (const call of plannedDeliveries(stacks, policies, config)) await authorizer.authorize({ principal: call.principal, ...call.check });
 */
export function plannedDeliveries(
  stacks: readonly DeployedStack[],
  policies: PolicySet,
  where: { region: string; accountId: string },
): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const all = stacks.flatMap((stack) =>
    [...stack.resources].map(([logicalId, resource]) => ({
      source: `${stack.name}/${logicalId}`,
      resource,
      props: resource.properties ?? {},
    })),
  );
  /** The check of sending to a target ARN (queue, topic, function, state machine, bus). */
  const deliver = (
    target: string,
    context: ContextValues = {},
    payload: Record<string, unknown> = {},
  ): AuthorizationCheck[] =>
    deliveryCalls(target, payload).flatMap((call) =>
      authorizationChecks({ ...call, ...where }, policies.facts).map((check) => ({
        ...check,
        context: { ...check.context, ...context },
      })),
    );
  const add = (caller: string, source: string, principal: string, checks: AuthorizationCheck[]) => {
    for (const check of checks) calls.push({ caller, source, principal, check });
  };
  const apiIds = new Map<string, string>();
  for (const { resource } of all) {
    if (resource.type === 'AWS::ApiGatewayV2::Api') apiIds.set(resource.ref, resource.ref);
  }
  const integrations = new Map<string, string>();
  for (const { resource, props } of all) {
    if (resource.type === 'AWS::ApiGatewayV2::Integration' && str(props.IntegrationUri))
      integrations.set(resource.ref, String(props.IntegrationUri));
  }

  const plan: Plan = { add, deliver, where, policies, integrations };
  for (const entry of all) PLANNERS[entry.resource.type]?.(entry, plan);
  return calls;
}

interface PlanEntry {
  source: string;
  resource: DeployedStack['resources'] extends Map<string, infer R> ? R : never;
  props: Record<string, unknown>;
}

/** What every planner shares: where to add calls, how to check a delivery, the deployment's facts. */
interface Plan {
  add(caller: string, source: string, principal: string, checks: AuthorizationCheck[]): void;
  deliver(target: string, context?: ContextValues, payload?: Record<string, unknown>): AuthorizationCheck[];
  where: { region: string; accountId: string };
  policies: PolicySet;
  /** HTTP API integration id → its IntegrationUri. */
  integrations: Map<string, string>;
}

/** Per resource type, the engine calls made on its behalf. */
const PLANNERS: Record<string, (entry: PlanEntry, plan: Plan) => void> = {
  'AWS::Events::Rule': ({ source, resource, props }, { add, deliver, where }) => {
    const ruleArn = String(resource.attributes.Arn);
    for (const target of list(props.Targets).map(record)) {
      const arn = String(target.Arn);
      // EventBridge writes to CloudWatch Logs under the account's Logs resource policies, never as a role.
      const role = arn.split(':')[2] === 'logs' ? undefined : str(target.RoleArn);
      add(
        `rule ${ruleArn} → ${arn}`,
        source,
        role ?? 'events.amazonaws.com',
        deliver(arn, role ? {} : { 'aws:SourceArn': ruleArn, 'aws:SourceAccount': where.accountId }),
      );
      const dlq = str(record(target.DeadLetterConfig).Arn);
      if (dlq)
        add(
          `rule ${ruleArn} dead letters → ${dlq}`,
          source,
          'events.amazonaws.com',
          deliver(dlq, { 'aws:SourceArn': ruleArn, 'aws:SourceAccount': where.accountId }),
        );
    }
  },
  'AWS::SNS::Subscription': ({ source, props }, { add, deliver, where }) => {
    const topic = String(props.TopicArn);
    const protocol = String(props.Protocol);
    const context = { 'aws:SourceArn': topic, 'aws:SourceAccount': where.accountId };
    if (protocol === 'sqs' || protocol === 'lambda')
      add(
        `topic ${topic} → ${props.Endpoint}`,
        source,
        'sns.amazonaws.com',
        deliver(String(props.Endpoint), context),
      );
    const dlq = str(record(props.RedrivePolicy).deadLetterTargetArn);
    if (dlq) add(`topic ${topic} dead letters → ${dlq}`, source, 'sns.amazonaws.com', deliver(dlq, context));
  },
  'AWS::ApiGatewayV2::Route': ({ source, props }, { add, deliver, where, integrations }) => {
    const target = str(props.Target)?.replace(/^integrations\//, '');
    const fn = target ? integrations.get(target) : undefined;
    const [method = 'ANY', path = '/'] = String(props.RouteKey).split(' ');
    if (!fn?.includes(':function:')) return;
    const sample = path.replace(/\{([^}+]+)\+?\}/g, '$1').replace(/^\//, '');
    const sourceArn = `arn:aws:execute-api:${where.region}:${where.accountId}:${props.ApiId}/$default/${method === 'ANY' ? 'GET' : method}/${sample}`;
    add(
      `HTTP API route ${props.RouteKey} → ${fn}`,
      source,
      'apigateway.amazonaws.com',
      deliver(fn, { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': where.accountId }),
    );
  },
  'AWS::Scheduler::Schedule': ({ source, resource, props }, { add, deliver }) => {
    const target = record(props.Target);
    const role = str(target.RoleArn);
    const dlq = str(record(target.DeadLetterConfig).Arn);
    if (role) {
      add(`schedule ${resource.attributes.Arn} → ${target.Arn}`, source, role, deliver(String(target.Arn)));
      if (dlq) add(`schedule ${resource.attributes.Arn} dead letters → ${dlq}`, source, role, deliver(dlq));
    }
  },
  'AWS::CloudWatch::Alarm': ({ source, resource, props }, { add, deliver, where }) => {
    const alarmArn = String(resource.attributes.Arn);
    const actions = [
      ...list(props.AlarmActions),
      ...list(props.OKActions),
      ...list(props.InsufficientDataActions),
    ];
    for (const action of new Set(actions.map(String)))
      if (action.includes(':sns:'))
        add(
          `alarm ${alarmArn} → ${action}`,
          source,
          'cloudwatch.amazonaws.com',
          deliver(action, { 'aws:SourceArn': alarmArn, 'aws:SourceAccount': where.accountId }),
        );
  },
  'AWS::StepFunctions::StateMachine': ({ source, resource, props }, { add, where, policies }) => {
    const role = str(props.RoleArn);
    if (!role) return;
    for (const task of stateMachineTasks(props.DefinitionString ?? props.Definition))
      add(
        `state machine ${resource.ref} task ${task.state}`,
        source,
        role,
        taskChecks(task, where, policies),
      );
  },
  'AWS::Lambda::EventSourceMapping': ({ source, props }, { add, deliver, where, policies }) => {
    const fn = functionArn(where, String(props.FunctionName));
    const role = policies.functionRoles.get(fn);
    const sourceArn = String(props.EventSourceArn);
    if (!role) return;
    const service = sourceArn.split(':')[2];
    // What Lambda's pollers call (the AWSLambdaSQSQueueExecutionRole and AWSLambdaDynamoDBExecutionRole
    // policies list these; dynamodb:ListStreams too, but it takes "*" only and the poller works without it).
    const operations =
      service === 'sqs'
        ? ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes']
        : ['DescribeStream', 'GetShardIterator', 'GetRecords'];
    for (const operation of operations) {
      const input =
        service === 'sqs'
          ? { QueueUrl: queueArn(where, sourceArn) }
          : { StreamArn: sourceArn, ShardIterator: `${sourceArn}|1|iterator` };
      add(
        `event source mapping ${sourceArn} → ${fn}`,
        source,
        role,
        authorizationChecks({ service: service ?? '', operation, input, ...where }),
      );
    }
    const onFailure = str(record(record(props.DestinationConfig).OnFailure).Destination);
    if (onFailure)
      add(`event source mapping ${sourceArn} failures → ${onFailure}`, source, role, deliver(onFailure));
  },
  'AWS::Lambda::EventInvokeConfig': ({ source, props }, { add, deliver, where, policies }) => {
    const fn = functionArn(where, String(props.FunctionName));
    const role = policies.functionRoles.get(fn);
    if (!role) return;
    const destinations = record(props.DestinationConfig);
    for (const kind of ['OnFailure', 'OnSuccess']) {
      const destination = str(record(destinations[kind]).Destination);
      if (destination) add(`${fn} async ${kind} → ${destination}`, source, role, deliver(destination));
    }
  },
  'AWS::Lambda::Function': ({ source, resource, props }, { add, deliver, where }) => {
    const fn = String(resource.attributes.Arn);
    const role = str(props.Role);
    if (!role) return;
    const dlq = str(record(props.DeadLetterConfig).TargetArn);
    if (dlq) add(`${fn} dead letters → ${dlq}`, source, role, deliver(dlq));
    const logGroup = str(record(props.LoggingConfig).LogGroup) ?? `/aws/lambda/${resource.ref}`;
    for (const operation of ['CreateLogStream', 'PutLogEvents'])
      add(
        `${fn} logs → ${logGroup}`,
        source,
        role,
        authorizationChecks({
          service: 'logs',
          operation,
          input: { logGroupName: logGroup, logStreamName: '2026/01/01/[$LATEST]0123456789abcdef' },
          ...where,
        }),
      );
    if (record(props.TracingConfig).Mode === 'Active')
      add(`${fn} traces`, source, role, [{ action: 'xray:PutTraceSegments', resource: '*', context: {} }]);
  },
};

interface TaskState {
  state: string;
  resource: string;
  parameters: Record<string, unknown>;
}

/** The Task states of an Amazon States Language definition, nested Parallel and Map branches included. */
export function stateMachineTasks(definition: unknown): TaskState[] {
  const parsed = typeof definition === 'string' ? safeJson(definition) : record(definition);
  const tasks: TaskState[] = [];
  const walk = (states: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(states)) {
      const state = record(value);
      if (state.Type === 'Task')
        tasks.push({
          state: name,
          resource: String(state.Resource),
          parameters: record(state.Parameters ?? state.Arguments),
        });
      for (const branch of list(state.Branches)) walk(record(record(branch).States));
      const iterator = record(state.ItemProcessor ?? state.Iterator);
      if (iterator.States) walk(record(iterator.States));
    }
  };
  walk(record(parsed.States));
  return tasks;
}

const safeJson = (text: string) => {
  try {
    return record(JSON.parse(text));
  } catch {
    return {};
  }
};

/**
 * The API call a Task state's resource makes with its effective parameters: a Lambda ARN or an optimized
 * integration (`arn:aws:states:::<service>:<api>[.sync|.waitForTaskToken]`); undefined for `aws-sdk` and others.
 *
 * @example taskCall('arn:aws:states:::dynamodb:putItem', { TableName: 't', Item }) // { service: 'dynamodb', operation: 'PutItem', input }
 */
export function taskCall(
  resource: string,
  parameters: Record<string, unknown>,
): { service: string; operation: string; input: Record<string, unknown> } | undefined {
  if (resource.includes(':function:'))
    return { service: 'lambda', operation: 'Invoke', input: { FunctionName: resource } };
  const match = /^arn:[^:]+:states:::([\w-]+):(\w+)/.exec(resource);
  if (!match) return undefined;
  const [, service = '', operation = ''] = match;
  if (service === 'aws-sdk') return undefined;
  const input = Object.fromEntries(
    Object.entries(parameters).map(([key, value]) => [key.replace(/\.\$$/, ''), value]),
  );
  if (service === 'lambda') return { service, operation: 'Invoke', input };
  return { service, operation: operation.charAt(0).toUpperCase() + operation.slice(1), input };
}

/** What a Task state's integration calls, as the state machine's role. */
function taskChecks(
  task: TaskState,
  where: { region: string; accountId: string },
  policies: PolicySet,
): AuthorizationCheck[] {
  const call = taskCall(task.resource, task.parameters);
  return call ? authorizationChecks({ ...call, ...where }, policies.facts) : [];
}
