import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSRecord } from 'aws-lambda';

/** What the kit needs of a domain event: its stable id (the de-duplication key) and its correlation id. */
export interface DomainEventLike {
  detail: { metadata: { eventId: string; correlationId?: string } };
}

/** Where an event came from, for handlers that need it. */
export interface RecordMeta {
  record: SQSRecord;
  context: Context;
}

/** Applies one domain event; its (JSON) result is stored with the idempotency record. */
export type EventHandler<E> = (event: E, meta: RecordMeta) => Promise<unknown> | unknown;

/** De-duplication through Powertools idempotency on `detail.metadata.eventId`. */
export type IdempotencyOptions =
  | {
      /** The DynamoDB idempotency table (partition key `id`, TTL attribute `expiration`). */
      tableName: string;
      /** Created by the caller once, at module level (and traced); Powertools builds one otherwise. */
      client?: DynamoDBClient;
      /** How long an event id is remembered; default one hour. */
      expiresAfterSeconds?: number;
    }
  | {
      /** Any Powertools persistence layer, e.g. an in-memory one in unit tests. */
      persistenceStore: BasePersistenceLayer;
      expiresAfterSeconds?: number;
    };
