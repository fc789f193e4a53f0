import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { arnOf, parseArn } from '../../core/arn';
import type { LocalCloud } from '../../core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../../core/resources';
import type { TtlDeletions } from '../ttlDeletions';
import type { DynamoDbCall } from '../wire';
import { fileCheckpoints, memoryCheckpoints } from './checkpoints';
import type { StreamMapping, StreamTimings } from './mapping';
import { StreamPoller } from './streamPoller';

const TYPE = 'AWS::Lambda::EventSourceMapping';

const HONOURED = new Set([
  'FunctionName',
  'EventSourceArn',
  'BatchSize',
  'MaximumBatchingWindowInSeconds',
  'StartingPosition',
  'MaximumRetryAttempts',
  'BisectBatchOnFunctionError',
  'FunctionResponseTypes',
  'DestinationConfig',
  'FilterCriteria',
  'Enabled',
  'Tags',
  'KmsKeyArn',
]);

/** True for an EventSourceArn that is a DynamoDB stream (`arn:aws:dynamodb:…:table/<t>/stream/<label>`). */
export function isDynamoDbStreamArn(value: unknown): boolean {
  const arn = typeof value === 'string' ? parseArn(value) : undefined;
  return arn?.service === 'dynamodb' && /^table\/[^/]+\/stream\//.test(arn.resource);
}

/**
 * AWS::Lambda::EventSourceMapping resources whose source is a DynamoDB stream: one StreamPoller each.
 * Ref = mapping UUID; GetAtt EventSourceMappingId / EventSourceMappingArn.
 */
export function streamMappingProvider(
  call: DynamoDbCall,
  ttlDeletions: TtlDeletions,
  timings: StreamTimings,
  pollers: StreamPoller[],
): ResourceProvider {
  return {
    types: [TYPE],
    accepts: (resource) => isDynamoDbStreamArn(resource.properties.EventSourceArn),
    async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
      const mapping = streamMapping(resource, ctx);
      reportUnhonoured(resource, mapping, ctx);
      const checkpoints = ctx.config.inMemory
        ? memoryCheckpoints()
        : fileCheckpoints(
            join(ctx.config.dataDir, 'dynamodb-stream-checkpoints'),
            mapping.name,
            mapping.streamArn,
          );
      if (resource.properties.Enabled !== false) {
        const poller = new StreamPoller(mapping, ctx, call, checkpoints, ttlDeletions, timings);
        pollers.push(poller);
        poller.start();
      }
      return {
        ref: mapping.uuid,
        attributes: {
          EventSourceMappingId: mapping.uuid,
          EventSourceMappingArn: arnOf(ctx.config, 'lambda', `event-source-mapping:${mapping.uuid}`),
        },
      };
    },
  };
}

/** The mapping's settings, with Lambda's defaults for DynamoDB streams. */
export function streamMapping(resource: ResolvedResource, ctx: LocalCloud): StreamMapping {
  const p = resource.properties;
  const functionRef = String(p.FunctionName);
  const onFailure = (p.DestinationConfig as { OnFailure?: { Destination?: string } } | undefined)?.OnFailure
    ?.Destination;
  const filters = (p.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)?.Filters;
  return {
    name: `${resource.stack}/${resource.logicalId}`,
    uuid: randomUUID(),
    functionRef,
    functionArn: functionRef.startsWith('arn:')
      ? functionRef
      : arnOf(ctx.config, 'lambda', `function:${functionRef}`),
    streamArn: String(p.EventSourceArn),
    batchSize: Number(p.BatchSize ?? 100),
    batchingWindowMs: Number(p.MaximumBatchingWindowInSeconds ?? 0) * 1000,
    startingPosition: p.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
    maximumRetryAttempts: Number(p.MaximumRetryAttempts ?? -1),
    bisectOnError: p.BisectBatchOnFunctionError === true || p.BisectBatchOnFunctionError === 'true',
    reportBatchItemFailures:
      Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
    ...(onFailure ? { onFailure } : {}),
    ...(filters ? { filters } : {}),
  };
}

function reportUnhonoured(resource: ResolvedResource, mapping: StreamMapping, ctx: LocalCloud): void {
  const report = (property: string, reason: string) =>
    ctx.report({ stack: resource.stack, logicalId: resource.logicalId, type: TYPE, property, reason });
  const p = resource.properties;
  for (const property of Object.keys(p).filter((key) => !HONOURED.has(key))) {
    if (property === 'ParallelizationFactor' && Number(p[property]) <= 1) continue;
    if (property === 'MaximumRecordAgeInSeconds' && Number(p[property]) === -1) continue;
    report(property, reasonFor(property));
  }
  const service = mapping.onFailure ? parseArn(mapping.onFailure)?.service : undefined;
  if (mapping.onFailure && service !== 'sqs' && service !== 'sns') {
    report(
      'DestinationConfig.OnFailure.Destination',
      `only SQS and SNS on-failure destinations are available locally, not ${mapping.onFailure}`,
    );
  }
}

function reasonFor(property: string): string {
  switch (property) {
    case 'ParallelizationFactor':
      return 'each shard is processed one batch at a time (factor 1)';
    case 'MaximumRecordAgeInSeconds':
      return 'records are not discarded by age locally, only after MaximumRetryAttempts';
    case 'TumblingWindowInSeconds':
      return 'tumbling windows (state between invocations) are not available locally';
    default:
      return 'not honoured by the local DynamoDB stream poller';
  }
}
