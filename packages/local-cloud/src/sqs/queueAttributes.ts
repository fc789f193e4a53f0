import { sqsError } from './errors';

/** Bounds and defaults of the numeric queue attributes, as the SQS API reference documents them. */
const NUMERIC: Record<string, { min: number; max: number; default: number }> = {
  DelaySeconds: { min: 0, max: 900, default: 0 },
  MaximumMessageSize: { min: 1024, max: 1_048_576, default: 1_048_576 },
  MessageRetentionPeriod: { min: 60, max: 1_209_600, default: 345_600 },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: 20, default: 0 },
  VisibilityTimeout: { min: 0, max: 43_200, default: 30 },
  KmsDataKeyReusePeriodSeconds: { min: 60, max: 86_400, default: 300 },
};

/** Attributes stored as given; encryption ones are accepted because at-rest encryption means nothing locally. */
const TEXT = new Set(['Policy', 'KmsMasterKeyId', 'SqsManagedSseEnabled']);
const FIFO_ONLY = new Set([
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** Attributes GetQueueAttributes computes rather than stores. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
  redrivePermission: 'allowAll' | 'denyAll' | 'byQueue';
  sourceQueueArns?: string[];
}

/** Every attribute name GetQueueAttributes knows. */
export const KNOWN_ATTRIBUTES = new Set<string>([
  ...Object.keys(NUMERIC),
  ...TEXT,
  ...FIFO_ONLY,
  'RedrivePolicy',
  'RedriveAllowPolicy',
  ...COMPUTED_ATTRIBUTES,
]);

/** The stored attributes of a new queue before the caller's are applied. */
export const defaultAttributes = (): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(NUMERIC).map(([name, spec]) => [name, String(spec.default)])),
  SqsManagedSseEnabled: 'true',
});

/**
 * Validates attributes given to CreateQueue / SetQueueAttributes and returns them normalised as SQS stores
 * them (JSON policies re-serialised, numbers as decimal strings). An empty RedrivePolicy removes it.
 */
export function normaliseAttributes(given: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (NUMERIC[name]) out[name] = numeric(name, value);
    else if (TEXT.has(name)) out[name] = value;
    else if (name === 'RedrivePolicy') out[name] = value === '' ? '' : JSON.stringify(redrive(value));
    else if (name === 'RedriveAllowPolicy') out[name] = JSON.stringify(redriveAllow(value));
    else if (FIFO_ONLY.has(name)) out[name] = fifoAttribute(name, value);
    else throw sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
  }
  return out;
}

function numeric(name: string, value: string): string {
  const spec = NUMERIC[name]!;
  const parsed = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || parsed < spec.min || parsed > spec.max) {
    throw sqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
  }
  return String(parsed);
}

// FIFO queues are not emulated: saying so beats a queue that silently loses ordering and de-duplication.
function fifoAttribute(name: string, value: string): string {
  if (name === 'FifoQueue' && value === 'false') return value;
  throw sqsError(
    'UnsupportedOperation',
    `FIFO queues are not supported by the local cloud (attribute ${name}).`,
  );
}

function parseJson(name: string, value: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // falls through to the SQS error below
  }
  throw sqsError(
    'InvalidAttributeValue',
    `Invalid value for the parameter ${name}. Reason: not a JSON object.`,
  );
}

/** Parses a RedrivePolicy (JSON text) as SQS validates it. */
export function redrive(value: string): RedrivePolicy {
  const parsed = parseJson('RedrivePolicy', value);
  const count = Number(parsed.maxReceiveCount);
  const arn = parsed.deadLetterTargetArn;
  if (
    typeof arn !== 'string' ||
    !arn.startsWith('arn:') ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > 1000
  ) {
    throw sqsError(
      'InvalidAttributeValue',
      'Value for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map of deadLetterTargetArn and maxReceiveCount (1-1000).',
    );
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

/** Parses a RedriveAllowPolicy (JSON text) as SQS validates it. */
export function redriveAllow(value: string): RedriveAllowPolicy {
  const parsed = parseJson('RedriveAllowPolicy', value);
  const permission = parsed.redrivePermission;
  const arns = parsed.sourceQueueArns;
  const validArns = arns === undefined || (Array.isArray(arns) && arns.every((a) => typeof a === 'string'));
  if ((permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') || !validArns) {
    throw sqsError('InvalidAttributeValue', 'Value for parameter RedriveAllowPolicy is invalid.');
  }
  if (
    permission === 'byQueue' &&
    (!arns || (arns as string[]).length === 0 || (arns as string[]).length > 10)
  ) {
    throw sqsError('InvalidAttributeValue', 'RedriveAllowPolicy byQueue needs 1 to 10 sourceQueueArns.');
  }
  return { redrivePermission: permission, ...(arns ? { sourceQueueArns: arns as string[] } : {}) };
}

/** Whether a DLQ's RedriveAllowPolicy lets `sourceArn` use it (no policy means allowAll). */
export function redriveAllowed(policy: RedriveAllowPolicy | undefined, sourceArn: string): boolean {
  if (!policy || policy.redrivePermission === 'allowAll') return true;
  if (policy.redrivePermission === 'denyAll') return false;
  return policy.sourceQueueArns?.includes(sourceArn) ?? false;
}
