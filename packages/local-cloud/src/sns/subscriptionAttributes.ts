import { type FilterPolicyScope, InvalidFilterPolicyError, validateFilterPolicy } from '../patterns';
import { invalidParameter } from './errors';
import type { Subscription } from './model';

/** The subscription attributes the local SNS honours, as CloudFormation or the API give them. */
export interface SubscriptionSettings {
  FilterPolicy?: unknown;
  FilterPolicyScope?: unknown;
  RawMessageDelivery?: unknown;
  RedrivePolicy?: unknown;
}

/** Attribute names SetSubscriptionAttributes accepts. */
export const SETTABLE_ATTRIBUTES = [
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'DeliveryPolicy',
] as const;

const parseJson = (name: string, value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw invalidParameter(`${name}: failed to parse JSON`);
  }
};

const parseBoolean = (name: string, value: unknown): boolean => {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidParameter(
    `Attributes Reason: ${name}: Invalid value [${String(value)}]. Must be true or false.`,
  );
};

const parseScope = (value: unknown): FilterPolicyScope => {
  if (value === 'MessageAttributes' || value === 'MessageBody') return value;
  throw invalidParameter(`Attributes Reason: FilterPolicyScope: Invalid value [${String(value)}]`);
};

function parseRedrive(value: unknown): string | undefined {
  const policy = parseJson('RedrivePolicy', value) as { deadLetterTargetArn?: unknown } | null;
  if (policy === null || policy === undefined || (typeof policy === 'object' && !Object.keys(policy).length))
    return undefined;
  const target = policy.deadLetterTargetArn;
  if (typeof target !== 'string' || !target.startsWith('arn:aws:sqs:'))
    throw invalidParameter('RedrivePolicy: deadLetterTargetArn must be the ARN of an SQS queue');
  return target;
}

/** Checks and applies subscription settings; a present key replaces the current value. */
export function applySettings(
  current: Pick<
    Subscription,
    'filterPolicy' | 'filterPolicyScope' | 'rawMessageDelivery' | 'deadLetterTargetArn'
  >,
  settings: SubscriptionSettings,
) {
  const next = { ...current };
  if (settings.FilterPolicyScope !== undefined)
    next.filterPolicyScope = parseScope(settings.FilterPolicyScope);
  if (settings.FilterPolicy !== undefined) {
    const policy = parseJson('FilterPolicy', settings.FilterPolicy);
    const empty = policy === '' || (typeof policy === 'object' && policy && !Object.keys(policy).length);
    if (empty) delete next.filterPolicy;
    else next.filterPolicy = policy;
  }
  if (next.filterPolicy !== undefined) validatePolicy(next.filterPolicy, next.filterPolicyScope);
  if (settings.RawMessageDelivery !== undefined)
    next.rawMessageDelivery = parseBoolean('RawMessageDelivery', settings.RawMessageDelivery);
  if (settings.RedrivePolicy !== undefined) {
    const target = parseRedrive(settings.RedrivePolicy);
    if (target) next.deadLetterTargetArn = target;
    else delete next.deadLetterTargetArn;
  }
  return next;
}

function validatePolicy(policy: unknown, scope: FilterPolicyScope) {
  try {
    validateFilterPolicy(policy, scope);
  } catch (error) {
    if (error instanceof InvalidFilterPolicyError) throw invalidParameter(`FilterPolicy: ${error.reason}`);
    throw error;
  }
}
