import { parseSqsRecord } from '@spendwise/contracts';
import type { Observability } from '@spendwise/lambda-kit/observability';
import { sqsEventConsumer } from '@spendwise/lambda-kit/sqs';
import type { SQSRecord } from 'aws-lambda';
import { CATALOG_COPY_EVENTS, type CatalogCopyEvent, catalogCopyChangeOf } from '../../domain/catalogCopy';
import type { ApplyCatalogCopyChange } from '../../ports';

export interface ApplyCatalogChangeDependencies {
  applyCatalogCopyChange: ApplyCatalogCopyChange;
  /** Told about an event that changed nothing: a duplicate, or older than what the copy already holds. */
  onIgnored?: (event: CatalogCopyEvent) => void;
}

/** Applies one catalog event to the copy; an event not newer than the copy's entry changes nothing. */
export function applyCatalogChange(deps: ApplyCatalogChangeDependencies) {
  return async (event: CatalogCopyEvent): Promise<'applied' | 'ignored'> => {
    const outcome = await deps.applyCatalogCopyChange(catalogCopyChangeOf(event));
    if (outcome === 'ignored') deps.onIgnored?.(event);
    return outcome;
  };
}

/** A record of the catalog-copy queue as one of the catalog events the copy is built from (else poison). */
export const parseCatalogEvent = (record: SQSRecord): CatalogCopyEvent =>
  parseSqsRecord(record, CATALOG_COPY_EVENTS);

/**
 * The SQS consumer of the catalog-copy queue. Every catalog event carries a full snapshot with its version and
 * the copy is written only when that version is newer, so applying an event twice, or an older one after a
 * newer one, changes nothing: the version check makes this consumer naturally idempotent, and it needs no
 * Powertools idempotency table (which would only add a write per event and a table to run).
 */
export const applyCatalogChangeHandler = (
  deps: ApplyCatalogChangeDependencies,
  observability?: Observability,
) =>
  sqsEventConsumer({
    parse: parseCatalogEvent,
    handle: applyCatalogChange(deps),
    idempotency: false,
    ...(observability ? { observability } : {}),
  });
