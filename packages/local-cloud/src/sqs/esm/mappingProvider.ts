import { randomUUID } from 'node:crypto';
import { arnOf, parseArn } from '../../core/arn';
import type { LocalCloud } from '../../core/context';
import type { ResolvedResource, ResourceProvider } from '../../core/resources';
import type { QueueRegistry } from '../registry';
import type { SqsMapping, SqsPoller } from './poller';

const TYPE = 'AWS::Lambda::EventSourceMapping';

/** Lambda starts five pollers for a queue; without ScalingConfig that is how many batches run at once locally. */
export const DEFAULT_CONCURRENCY = 5;

/** Properties honoured, and those accepted as meaningless locally (encryption of the filter criteria, tags). */
const HONOURED = new Set([
  'EventSourceArn',
  'FunctionName',
  'BatchSize',
  'MaximumBatchingWindowInSeconds',
  'Enabled',
  'FilterCriteria',
  'FunctionResponseTypes',
  'ScalingConfig',
  'KmsKeyArn',
  'Tags',
]);

const STREAM_ONLY = new Set([
  'StartingPosition',
  'StartingPositionTimestamp',
  'BisectBatchOnFunctionError',
  'MaximumRecordAgeInSeconds',
  'MaximumRetryAttempts',
  'ParallelizationFactor',
  'TumblingWindowInSeconds',
  'DestinationConfig',
]);

/** Where the provider hands a new mapping to be run. */
export interface MappingHost {
  readonly registry: QueueRegistry;
  attach(mapping: SqsMapping, ctx: LocalCloud): SqsPoller;
}

/** `AWS::Lambda::EventSourceMapping` whose EventSourceArn is an SQS queue: a poller per mapping. */
export function sqsEventSourceMappingProvider(host: MappingHost): ResourceProvider {
  return {
    types: [TYPE],
    accepts: (resource) => {
      const arn = resource.properties.EventSourceArn;
      return typeof arn === 'string' && parseArn(arn)?.service === 'sqs';
    },
    async create(resource, ctx) {
      reportUnhonoured(resource, ctx);
      const mapping = mappingOf(resource, host.registry);
      host.attach(mapping, ctx);
      return {
        ref: mapping.uuid,
        attributes: {
          Id: mapping.uuid,
          EventSourceMappingArn: arnOf(ctx.config, 'lambda', `event-source-mapping:${mapping.uuid}`),
        },
      };
    },
  };
}

function mappingOf(resource: ResolvedResource, registry: QueueRegistry): SqsMapping {
  const p = resource.properties;
  const queue = registry.resolve(String(p.EventSourceArn));
  if (!queue) throw new Error(`${resource.logicalId}: queue ${String(p.EventSourceArn)} does not exist`);
  const functionRef = p.FunctionName;
  if (typeof functionRef !== 'string' || functionRef === '')
    throw new Error(`${resource.logicalId}: FunctionName is required`);
  const scaling = p.ScalingConfig as { MaximumConcurrency?: number | string } | undefined;
  const filters = (p.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)?.Filters;
  const types = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : [];
  return {
    uuid: randomUUID(),
    functionRef,
    queueArn: queue.arn,
    batchSize: bounded('BatchSize', p.BatchSize, 1, 10_000, 10),
    batchingWindowSeconds: bounded(
      'MaximumBatchingWindowInSeconds',
      p.MaximumBatchingWindowInSeconds,
      0,
      300,
      0,
    ),
    concurrency:
      scaling?.MaximumConcurrency === undefined
        ? DEFAULT_CONCURRENCY
        : bounded('ScalingConfig.MaximumConcurrency', scaling.MaximumConcurrency, 2, 1000, 2),
    ...(filters ? { filters } : {}),
    reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
    enabled: p.Enabled === undefined || p.Enabled === true || p.Enabled === 'true',
  };
}

function bounded(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${name} ${String(value)} is outside ${min}–${max}`);
  }
  return number;
}

function reportUnhonoured(resource: ResolvedResource, ctx: LocalCloud): void {
  for (const property of Object.keys(resource.properties)) {
    if (HONOURED.has(property)) continue;
    const reason = STREAM_ONLY.has(property)
      ? 'applies to stream sources only; AWS rejects it for SQS, the local poller ignores it'
      : property === 'MetricsConfig'
        ? 'event source mapping metrics are not emitted locally'
        : property === 'ProvisionedPollerConfig'
          ? 'provisioned pollers are not modelled; batches run with the mapping concurrency'
          : 'not supported for SQS event source mappings by the local cloud';
    ctx.report({ stack: resource.stack, logicalId: resource.logicalId, type: TYPE, property, reason });
  }
}
