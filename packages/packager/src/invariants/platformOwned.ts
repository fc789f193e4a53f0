import { opsTopicName } from './alarms';
import { escapeRegExp, renderString, resources } from './cfn';
import { type Rule, type Violation, violation } from './rules';

/** The service that owns the stage's shared resources. */
export const PLATFORM_SERVICE = 'platform';

/**
 * Only platform defines the stage's bus and ops-alerts topic; other services reference them by name. Guards
 * against osls's habit of creating a bus when an `eventBridge` event names one (`eventBus: spendwise-dev`).
 */
export const checkPlatformOwned: Rule = (context) => {
  if (context.service === PLATFORM_SERVICE) return [];
  const found: Violation[] = [];
  // Without a stage, only `spendwise-<one word>` is taken for the stage bus, so private buses stay allowed.
  const busName = new RegExp(`^spendwise-${context.stage ? escapeRegExp(context.stage) : '[a-z0-9]+'}$`);
  for (const [id, props] of resources(context.template, 'AWS::Events::EventBus')) {
    const name = renderString(props.Name);
    if (name !== undefined && busName.test(name)) {
      found.push(
        violation(
          context,
          'platform-owned',
          id,
          `defines the bus ${name}, which platform owns; reference it by ARN or a Ref to a parameter, not by name`,
        ),
      );
    }
  }
  for (const [id, props] of resources(context.template, 'AWS::SNS::Topic')) {
    const name = renderString(props.TopicName);
    if (name !== undefined && opsTopicName(context.stage).test(name)) {
      found.push(violation(context, 'platform-owned', id, `defines the topic ${name}, which platform owns`));
    }
  }
  return found;
};
