import type { CfnTemplate } from '../template';
import { asList, asNumber, asObject, path, refTarget, resource, resources, show } from './cfn';
import { eventSources, reportsBatchItemFailures } from './eventSources';
import { type Rule, type Violation, violation } from './rules';

/** What SQS and Lambda use when the template says nothing. */
const DEFAULT_VISIBILITY_TIMEOUT = 30;
const DEFAULT_FUNCTION_TIMEOUT = 3;
const VISIBILITY_FACTOR = 6;

/**
 * Logical ids of the resources used as a dead-letter queue or on-failure destination anywhere in the
 * template: queue redrive policies, rule and schedule targets, event source mappings, functions, event
 * invoke configs and SNS subscriptions.
 */
export function deadLetterTargets(template: CfnTemplate): Set<string> {
  const arns: unknown[] = [];
  for (const [, props] of resources(template, 'AWS::SQS::Queue')) {
    arns.push(asObject(props.RedrivePolicy)?.deadLetterTargetArn);
  }
  for (const [, props] of resources(template, 'AWS::SNS::Subscription')) {
    arns.push(asObject(props.RedrivePolicy)?.deadLetterTargetArn);
  }
  for (const [, props] of resources(template, 'AWS::Events::Rule')) {
    for (const target of asList(props.Targets)) arns.push(path(target, 'DeadLetterConfig', 'Arn'));
  }
  for (const [, props] of resources(template, 'AWS::Scheduler::Schedule')) {
    arns.push(path(props, 'Target', 'DeadLetterConfig', 'Arn'));
  }
  for (const [, props] of resources(template, 'AWS::Lambda::EventSourceMapping')) {
    arns.push(path(props, 'DestinationConfig', 'OnFailure', 'Destination'));
  }
  for (const [, props] of resources(template, 'AWS::Lambda::Function')) {
    arns.push(path(props, 'DeadLetterConfig', 'TargetArn'));
  }
  for (const [, props] of resources(template, 'AWS::Lambda::EventInvokeConfig')) {
    arns.push(path(props, 'DestinationConfig', 'OnFailure', 'Destination'));
  }
  return new Set(arns.map(refTarget).filter((id): id is string => id !== undefined));
}

/** Redrive policies, visibility timeouts and partial batch responses of queues and their consumers. */
export const checkQueues: Rule = (context) => {
  const { template } = context;
  const deadLetterQueues = deadLetterTargets(template);
  const sqsSources = eventSources(template).filter((source) => source.kind === 'sqs');
  const consumed = new Set(sqsSources.map((s) => s.sourceId).filter((id) => id !== undefined));
  const found: Violation[] = [];

  for (const [id, props] of resources(template, 'AWS::SQS::Queue')) {
    if (deadLetterQueues.has(id) && !consumed.has(id)) continue;
    const redrive = asObject(props.RedrivePolicy);
    const maxReceiveCount = asNumber(redrive?.maxReceiveCount);
    if (!redrive?.deadLetterTargetArn || maxReceiveCount === undefined || maxReceiveCount < 1) {
      found.push(
        violation(
          context,
          'queue-dlq',
          id,
          `RedrivePolicy is ${show(props.RedrivePolicy)}; it needs deadLetterTargetArn and maxReceiveCount`,
        ),
      );
    }
  }

  for (const source of sqsSources) {
    if (!reportsBatchItemFailures(source.props)) {
      found.push(
        violation(
          context,
          'partial-batch-responses',
          source.id,
          'FunctionResponseTypes lacks ReportBatchItemFailures (one bad message would fail its whole batch)',
        ),
      );
    }
    const queue = resource(template, source.sourceId);
    const consumer = resource(template, source.functionId);
    if (!queue || !consumer) continue;
    const visibility = asNumber(queue.Properties?.VisibilityTimeout) ?? DEFAULT_VISIBILITY_TIMEOUT;
    const timeout = asNumber(consumer.Properties?.Timeout) ?? DEFAULT_FUNCTION_TIMEOUT;
    if (visibility < VISIBILITY_FACTOR * timeout) {
      found.push(
        violation(
          context,
          'queue-visibility-timeout',
          source.sourceId!,
          `VisibilityTimeout ${visibility}s is under ${VISIBILITY_FACTOR} × ${timeout}s, the Timeout of its ` +
            `consumer ${source.functionId} (needs ≥ ${VISIBILITY_FACTOR * timeout}s)`,
        ),
      );
    }
  }
  return found;
};
