import { asList, escapeRegExp, type RuleContext, refTarget, renderString, resource, resources } from './cfn';
import { type Rule, type Violation, violation } from './rules';

const ALARM_TYPES = ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'];

/**
 * The names of the platform's operator topics for a stage (or any stage's): `alarms`, where CloudWatch alarms
 * publish and the notifications service's ops router reads, and `ops-alerts`, what operators subscribe to.
 */
export function opsTopicName(stage?: string): RegExp {
  const stagePart = stage ? escapeRegExp(stage) : '[a-z0-9][a-z0-9-]*';
  return new RegExp(`^spendwise-${stagePart}-(?:ops-alerts|alarms)$`);
}

/** The convention-built ARN of an operator topic, as Fn::Sub or Fn::Join render it. */
function opsTopicArn(stage?: string): RegExp {
  const name = opsTopicName(stage).source.slice(1, -1);
  return new RegExp(`^arn:\\$\\{AWS::Partition\\}:sns:\\$\\{AWS::Region\\}:\\$\\{AWS::AccountId\\}:${name}$`);
}

/**
 * Whether an alarm action notifies ops-alerts: a Ref to the platform's own topic (named by convention), or
 * the ARN built by naming convention with Fn::Sub / Fn::Join over AWS::Partition, AWS::Region and
 * AWS::AccountId. A literal ARN with an account id in it does not count: it would not move between accounts.
 */
export function notifiesOpsAlerts(context: RuleContext, action: unknown): boolean {
  const topicId = refTarget(action);
  const topic = resource(context.template, topicId);
  if (topic) {
    const name = renderString(topic.Properties?.TopicName);
    if (topic.Type !== 'AWS::SNS::Topic' || name === undefined) return false;
    return opsTopicName(context.stage).test(name) || relaysToOpsQueue(context, topicId!);
  }
  const arn = renderString(action);
  return arn !== undefined && opsTopicArn(context.stage).test(arn);
}

/** The notifications service's ops queue, where the platform's alarms topic delivers. */
function opsQueueArn(stage?: string): RegExp {
  const stagePart = stage ? escapeRegExp(stage) : '[a-z0-9][a-z0-9-]*';
  return new RegExp(
    `^arn:\\$\\{AWS::Partition\\}:sqs:[^:]+:\\$\\{AWS::AccountId\\}:spendwise-${stagePart}-notifications-ops$`,
  );
}

/**
 * A relay topic: alarms of a stack outside the platform's region (the edge, in us-east-1) cannot notify the
 * platform's alarms topic, so they notify a topic of their own region that the template subscribes to the
 * same ops queue the alarms topic feeds.
 */
function relaysToOpsQueue(context: RuleContext, topicId: string): boolean {
  return resources(context.template, 'AWS::SNS::Subscription').some(
    ([, props]) =>
      refTarget(props.TopicArn) === topicId &&
      props.Protocol === 'sqs' &&
      opsQueueArn(context.stage).test(renderString(props.Endpoint) ?? ''),
  );
}

/**
 * A template with functions has alarms; every alarm is enabled and notifies ops-alerts; every metric alarm treats
 * missing data as not breaching.
 */
export const checkAlarms: Rule = (context) => {
  const { template } = context;
  const alarms = ALARM_TYPES.flatMap((type) => resources(template, type));
  const found: Violation[] = [];
  const hasFunctions = resources(template, 'AWS::Lambda::Function').length > 0;
  if (hasFunctions && alarms.length === 0) {
    found.push(
      violation(
        context,
        'alarms-present',
        '(template)',
        'the template has functions but no CloudWatch alarm',
      ),
    );
  }
  for (const [id, props] of resources(template, 'AWS::CloudWatch::Alarm')) {
    if (props.TreatMissingData !== 'notBreaching') {
      found.push(
        violation(
          context,
          'alarm-missing-data',
          id,
          `TreatMissingData is ${JSON.stringify(props.TreatMissingData ?? 'missing')}, not notBreaching`,
        ),
      );
    }
  }
  for (const [id, props] of alarms) {
    if (props.ActionsEnabled === false) {
      found.push(
        violation(context, 'alarm-notifies-ops', id, 'ActionsEnabled is false: it would notify no one'),
      );
    }
    if (!asList(props.AlarmActions).some((action) => notifiesOpsAlerts(context, action))) {
      found.push(
        violation(
          context,
          'alarm-notifies-ops',
          id,
          `AlarmActions ${JSON.stringify(props.AlarmActions ?? [])} do not notify ` +
            `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:spendwise-${context.stage ?? '<stage>'}-alarms`,
        ),
      );
    }
  }
  return found;
};
