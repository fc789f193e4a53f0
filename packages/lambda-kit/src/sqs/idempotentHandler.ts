import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import type { DomainEventLike, EventHandler, IdempotencyOptions, RecordMeta } from './types';

/** An event handler that applies each event id at most once, and the hook that tells it about each invocation. */
export interface IdempotentHandler<E> {
  handle: (event: E, meta: RecordMeta) => Promise<unknown>;
  registerInvocation: (context: Context) => void;
}

const persistenceOf = (options: IdempotencyOptions): BasePersistenceLayer =>
  'persistenceStore' in options
    ? options.persistenceStore
    : new DynamoDBPersistenceLayer({ tableName: options.tableName, awsSdkV3Client: options.client });

/**
 * Wraps `handle` with Powertools idempotency keyed on `detail.metadata.eventId`: a redelivered event returns the
 * stored result instead of being applied again; a failed one is released so that a retry can apply it.
 *
 * @example
 * const { handle, registerInvocation } = idempotentHandler(applyExpense, { tableName: requireEnv('IDEMPOTENCY_TABLE') });
 */
export const idempotentHandler = <E extends DomainEventLike>(
  handle: EventHandler<E>,
  options: IdempotencyOptions | false,
  onDuplicate: () => void = () => {},
): IdempotentHandler<E> => {
  if (options === false) {
    return { handle: async (event, meta) => handle(event, meta), registerInvocation: () => {} };
  }
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'detail.metadata.eventId',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: options.expiresAfterSeconds ?? 3600,
    responseHook: (response) => {
      onDuplicate();
      return response;
    },
  });
  const apply = async (event: E, meta: RecordMeta): Promise<unknown> => handle(event, meta);
  return {
    handle: makeIdempotent(apply, { persistenceStore: persistenceOf(options), config }),
    registerInvocation: (context) => config.registerLambdaContext(context),
  };
};
