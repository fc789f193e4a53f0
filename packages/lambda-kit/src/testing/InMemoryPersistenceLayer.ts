import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecordStatus,
} from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, type IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';

/**
 * A Powertools idempotency persistence layer in a Map, with the same conditional-put rule as the DynamoDB one:
 * a key can be claimed when it is free, expired, or held by an in-progress record whose lease ran out.
 *
 * @example
 * const handler = sqsEventConsumer({ parse, handle, idempotency: { persistenceStore: new InMemoryPersistenceLayer() } });
 */
export class InMemoryPersistenceLayer extends BasePersistenceLayer {
  readonly records = new Map<string, IdempotencyRecord>();

  protected override async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const record = this.records.get(idempotencyKey);
    if (record === undefined) {
      throw new IdempotencyItemNotFoundError();
    }
    return record;
  }

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing !== undefined && !InMemoryPersistenceLayer.isClaimable(existing)) {
      throw new IdempotencyItemAlreadyExistsError(`Record ${record.idempotencyKey} exists`, existing);
    }
    this.records.set(record.idempotencyKey, record);
  }

  protected override async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.records.set(record.idempotencyKey, record);
  }

  protected override async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.records.delete(record.idempotencyKey);
  }

  private static isClaimable(record: IdempotencyRecord): boolean {
    const leaseExpired =
      record.getStatus() === IdempotencyRecordStatus.INPROGRESS &&
      record.inProgressExpiryTimestamp !== undefined &&
      record.inProgressExpiryTimestamp < Date.now();
    return record.isExpired() || leaseExpired;
  }
}
