import type { CfnTemplate } from '../template';
import { asList, path, refTarget, resource, resources } from './cfn';
import { type Rule, violation } from './rules';

/** Service principals that invoke Lambda asynchronously (as opposed to API Gateway, Cognito, …). */
const ASYNC_PRINCIPALS = [
  'events.amazonaws.com',
  'sns.amazonaws.com',
  's3.amazonaws.com',
  'logs.amazonaws.com',
];

/**
 * Logical ids of the functions invoked asynchronously: EventBridge rule and scheduler targets, SNS
 * subscriptions, and functions that grant invoke permission to an asynchronous service principal.
 */
export function asyncFunctions(template: CfnTemplate): Set<string> {
  const candidates: unknown[] = [];
  for (const [, props] of resources(template, 'AWS::Events::Rule')) {
    for (const target of asList(props.Targets)) candidates.push(path(target, 'Arn'));
  }
  for (const [, props] of resources(template, 'AWS::Scheduler::Schedule')) {
    candidates.push(path(props, 'Target', 'Arn'));
  }
  for (const [, props] of resources(template, 'AWS::SNS::Subscription')) {
    if (props.Protocol === 'lambda') candidates.push(props.Endpoint);
  }
  for (const [, props] of resources(template, 'AWS::Lambda::Permission')) {
    if (typeof props.Principal === 'string' && ASYNC_PRINCIPALS.includes(props.Principal)) {
      candidates.push(props.FunctionName);
    }
  }
  return new Set(
    candidates
      .map(refTarget)
      .filter((id): id is string => resource(template, id)?.Type === 'AWS::Lambda::Function'),
  );
}

/** Asynchronously invoked functions keep the events they fail on: a DLQ or an on-failure destination. */
export const checkAsyncInvocation: Rule = (context) => {
  const { template } = context;
  const invokeConfigs = resources(template, 'AWS::Lambda::EventInvokeConfig');
  return [...asyncFunctions(template)]
    .filter((id) => {
      const props = template.Resources[id]?.Properties ?? {};
      if (path(props, 'DeadLetterConfig', 'TargetArn')) return false;
      return !invokeConfigs.some(
        ([, config]) =>
          (refTarget(config.FunctionName) === id || config.FunctionName === props.FunctionName) &&
          Boolean(path(config, 'DestinationConfig', 'OnFailure', 'Destination')),
      );
    })
    .map((id) =>
      violation(
        context,
        'async-failure-destination',
        id,
        'invoked asynchronously but has neither DeadLetterConfig nor an EventInvokeConfig on-failure destination',
      ),
    );
};
