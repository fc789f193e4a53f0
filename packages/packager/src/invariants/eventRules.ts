import { asList, isRecord, path, renderString, resources } from './cfn';
import { type Rule, type Violation, violation } from './rules';

/** Every EventBridge rule target and scheduler target has a dead-letter queue and a retry policy. */
export const checkEventRules: Rule = (context) => {
  const found: Violation[] = [];
  const check = (id: string, label: string, target: unknown) => {
    if (!path(target, 'DeadLetterConfig', 'Arn')) {
      found.push(
        violation(
          context,
          'rule-target-dlq',
          id,
          `${label} has no DeadLetterConfig.Arn; undeliverable events vanish`,
        ),
      );
    }
    if (!isRecord(path(target, 'RetryPolicy'))) {
      found.push(violation(context, 'rule-target-retry-policy', id, `${label} has no RetryPolicy`));
    }
  };
  for (const [id, props] of resources(context.template, 'AWS::Events::Rule')) {
    asList(props.Targets).forEach((target, index) => {
      const name = renderString(path(target, 'Id')) ?? `#${index + 1}`;
      check(id, `target "${name}"`, target);
    });
  }
  for (const [id, props] of resources(context.template, 'AWS::Scheduler::Schedule')) {
    check(id, 'Target', props.Target);
  }
  return found;
};
