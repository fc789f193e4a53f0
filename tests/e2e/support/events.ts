/**
 * Builds domain events exactly as the services publish them (same envelope, same validators), so a test can put
 * them on the bus in any order or more than once — the deliveries a real bus may make.
 */
import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

export interface Snapshot {
  expenseId: string;
  amount: { minorUnits: number; currency: string };
  date: string;
  categoryId: string;
  merchant?: string;
  tags: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BusEntry {
  source: string;
  detailType: string;
  detail: { metadata: Record<string, unknown>; data: Record<string, unknown> };
}

const metadata = (userId: string, occurredAt: string) => ({
  eventId: randomUUID(),
  eventVersion: 1,
  occurredAt,
  correlationId: `e2e-${randomUUID()}`,
  causationId: `e2e-${randomUUID()}`,
  userId,
});

/** `at` plus `minutes`, as an RFC 3339 instant. */
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

/**
 * The successive states of one expense: recorded, then each change a minute apart, then (optionally) its
 * deletion; recorded at `recordedAt` (default: now by the clock the system uses).
 */
export function expenseHistory(
  userId: string,
  first: Omit<Snapshot, 'version' | 'createdAt' | 'updatedAt' | 'tags' | 'expenseId'>,
  changes: Array<Partial<Pick<Snapshot, 'amount' | 'categoryId' | 'date'>>>,
  deleted = false,
  recordedAt = new Date(),
): BusEntry[] {
  const createdAt = recordedAt.toISOString();
  let state: Snapshot = {
    ...first,
    expenseId: randomUUID(),
    tags: [],
    version: 1,
    createdAt,
    updatedAt: createdAt,
  };
  const entries: BusEntry[] = [
    {
      source: 'spendwise.expenses',
      detailType: 'ExpenseRecorded',
      detail: { metadata: metadata(userId, createdAt), data: { expense: state } },
    },
  ];
  changes.forEach((change, i) => {
    const updatedAt = minutesAfter(recordedAt, i + 1);
    const previous = state;
    state = { ...state, ...change, version: state.version + 1, updatedAt };
    const changedFields = Object.keys(change);
    entries.push({
      source: 'spendwise.expenses',
      detailType: 'ExpenseUpdated',
      detail: {
        metadata: metadata(userId, updatedAt),
        data: { expenseId: state.expenseId, version: state.version, changedFields, previous, current: state },
      },
    });
  });
  if (deleted) {
    const deletedAt = minutesAfter(recordedAt, changes.length + 1);
    entries.push({
      source: 'spendwise.expenses',
      detailType: 'ExpenseDeleted',
      detail: {
        metadata: metadata(userId, deletedAt),
        data: { expenseId: state.expenseId, version: state.version, expense: state },
      },
    });
  }
  return entries;
}

/** Puts entries on the stage's bus with the EventBridge API, one PutEvents call each, in the given order. */
export async function putOnBus(endpoint: string, stage: string, entries: BusEntry[]): Promise<void> {
  const client = new EventBridgeClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const entry of entries) {
      const result = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: `spendwise-${stage}`,
              Source: entry.source,
              DetailType: entry.detailType,
              Detail: JSON.stringify(entry.detail),
            },
          ],
        }),
      );
      if (result.FailedEntryCount) throw new Error(`PutEvents failed: ${JSON.stringify(result.Entries)}`);
    }
  } finally {
    client.destroy();
  }
}
