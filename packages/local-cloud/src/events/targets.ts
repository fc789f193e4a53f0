import { missingMemberError, validationError } from './apiErrors';
import type { Target } from './model';
import { classifyTarget } from './targetKinds';

/** Target members the local cloud honours (RoleArn: the target is delivered to as that role). */
const HONOURED = new Set([
  'Id',
  'Arn',
  'RoleArn',
  'Input',
  'InputPath',
  'InputTransformer',
  'RetryPolicy',
  'DeadLetterConfig',
  'SqsParameters',
]);

const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/;

/** Checks a target as PutTargets does and coerces CloudFormation's numbers-as-strings in its retry policy. */
export function normalizeTarget(raw: unknown): Target {
  if (typeof raw !== 'object' || raw === null) throw validationError('A target must be an object.');
  const target = { ...(raw as Target) };
  if (typeof target.Id !== 'string') throw missingMemberError('targets.member.id');
  if (typeof target.Arn !== 'string') throw missingMemberError('targets.member.arn');
  if (!TARGET_ID.test(target.Id)) throw validationError(`Target id ${target.Id} is not valid.`);
  const inputs = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined);
  if (inputs.length > 1) {
    throw validationError('Only one of Input, InputPath, or InputTransformer may be set for a target.');
  }
  if (target.Input !== undefined) assertJson(target.Input, target.Id);
  if (target.RetryPolicy) target.RetryPolicy = normalizeRetryPolicy(target.RetryPolicy);
  return target;
}

function assertJson(input: unknown, id: string): void {
  try {
    JSON.parse(String(input));
  } catch {
    throw validationError(`Target ${id}: Input must be valid JSON text.`);
  }
}

function normalizeRetryPolicy(policy: Target['RetryPolicy']): Target['RetryPolicy'] {
  const attempts = optionalNumber(policy?.MaximumRetryAttempts);
  const age = optionalNumber(policy?.MaximumEventAgeInSeconds);
  if (attempts !== undefined && (attempts < 0 || attempts > 185)) {
    throw validationError('RetryPolicy.MaximumRetryAttempts must be between 0 and 185.');
  }
  if (age !== undefined && (age < 60 || age > 86400)) {
    throw validationError('RetryPolicy.MaximumEventAgeInSeconds must be between 60 and 86400.');
  }
  return { MaximumRetryAttempts: attempts, MaximumEventAgeInSeconds: age };
}

const optionalNumber = (value: unknown) =>
  value === undefined || value === null ? undefined : Number(value);

/** What about a target the local cloud cannot honour: its kind, parameters of other kinds, a non-SQS DLQ. */
export function unhonouredTargetParts(target: Target): { property: string; reason: string }[] {
  const parts: { property: string; reason: string }[] = [];
  const where = `Targets[${target.Id}]`;
  const kind = classifyTarget(target.Arn);
  if ('unsupported' in kind) {
    parts.push({
      property: `${where}.Arn`,
      reason: `${kind.unsupported} targets are not emulated; events for it fail delivery`,
    });
  }
  for (const member of Object.keys(target)) {
    if (!HONOURED.has(member)) parts.push({ property: `${where}.${member}`, reason: 'not emulated' });
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined && !dlq.startsWith('arn:aws:sqs:')) {
    parts.push({
      property: `${where}.DeadLetterConfig.Arn`,
      reason: 'only SQS queues can be dead-letter queues',
    });
  }
  if (
    'kind' in kind &&
    kind.kind === 'event-bus' &&
    (target.InputTransformer || target.InputPath || target.Input)
  ) {
    parts.push({ property: `${where}.Input*`, reason: 'events are forwarded to another bus unchanged' });
  }
  return parts;
}
