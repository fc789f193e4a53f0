import { asNumber, resources, show } from './cfn';
import { type Rule, violation } from './rules';

/** Every log group expires its events (CloudWatch keeps them for ever otherwise). */
export const checkLogGroups: Rule = (context) =>
  resources(context.template, 'AWS::Logs::LogGroup')
    .filter(([, props]) => (asNumber(props.RetentionInDays) ?? 0) <= 0)
    .map(([id, props]) =>
      violation(
        context,
        'log-group-retention',
        id,
        `RetentionInDays is ${show(props.RetentionInDays)}; set it (provider.logRetentionInDays for functions)`,
      ),
    );
