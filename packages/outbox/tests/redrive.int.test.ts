import type {
  PutEventsCommand,
  PutEventsCommandOutput,
  PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { buildEventPublisher, type EventEnvelope, everyEvent } from '@spendwise/contracts';
import { freshTable } from '@spendwise/test-kit';
import { oldestOutboxAgeSeconds } from '../src/monitorHandler';
import { buildOutboxIndex } from '../src/outboxIndex';
import { outboxItem } from '../src/outboxItem';
import { redriveOutbox } from '../src/redrive';
import { expenseDeleted } from './events';

/** A bus that records what it accepted and can refuse chosen events (EventBridge's per-entry failure). */
class RecordingBus {
  readonly accepted: PutEventsRequestEntry[] = [];
  readonly refuse = new Set<string>();
  async send(command: PutEventsCommand): Promise<PutEventsCommandOutput> {
    const results = (command.input.Entries ?? []).map((entry) => {
      const eventId = JSON.parse(entry.Detail ?? '{}').metadata.eventId as string;
      if (this.refuse.has(eventId)) return { ErrorCode: 'InternalFailure', ErrorMessage: 'refused' };
      this.accepted.push(entry);
      return { EventId: `eb-${this.accepted.length}` };
    });
    return {
      FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
      Entries: results,
      $metadata: {},
    };
  }
  eventIds = () => this.accepted.map((entry) => JSON.parse(entry.Detail ?? '{}').metadata.eventId as string);
}

let table: Awaited<ReturnType<typeof freshTable>>;

// A fresh expenses table as deployed for each test (every publishing table has the same outbox index).
beforeEach(async () => {
  table = await freshTable(
    new URL('../../../services/expenses/resources/table.yml', import.meta.url),
    'ExpensesTable',
  );
});

afterEach(() => table.client.destroy());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** Writes an outbox record as a service's transaction does, `writtenAt` being the time it was written. */
async function stuck(event: EventEnvelope, writtenAt: Date) {
  await table.documentClient.send(
    new PutCommand({ TableName: table.tableName, Item: outboxItem(event, writtenAt) }),
  );
  return event.detail.metadata.eventId;
}

const outboxIds = async (user: string) =>
  (await table.allItems())
    .filter((item) => item.type === 'Outbox' && JSON.parse(String(item.detail)).metadata.userId === user)
    .map((item) => String(item.eventId));

const setup = () => {
  const bus = new RecordingBus();
  const index = buildOutboxIndex(table.documentClient, { tableName: table.tableName });
  const publisher = buildEventPublisher(bus, {
    events: everyEvent(),
    busName: 'spendwise-test',
    maxAttempts: 2,
    baseDelayMs: 1,
  });
  return { bus, index, publish: publisher.publish };
};

describe('redriving stuck outbox records', () => {
  it('republishes records older than the cutoff once, with their original event ids, and deletes them', async () => {
    const { bus, index, publish } = setup();
    const old = [
      await stuck(expenseDeleted('redrive-a'), minutesAgo(40)),
      await stuck(expenseDeleted('redrive-a'), minutesAgo(20)),
    ];
    const recent = await stuck(expenseDeleted('redrive-a'), minutesAgo(1));

    const summary = await redriveOutbox(index, publish, { olderThan: minutesAgo(15) });

    expect(bus.eventIds().sort()).toEqual([...old].sort());
    expect(summary).toMatchObject({ republished: 2, failed: 0 });
    expect(await outboxIds('redrive-a')).toEqual([recent]);
  });

  it('is safe to run twice: the second run finds nothing and publishes nothing', async () => {
    const { bus, index, publish } = setup();
    await stuck(expenseDeleted('redrive-b'), minutesAgo(30));

    await redriveOutbox(index, publish, { olderThan: minutesAgo(15) });
    const second = await redriveOutbox(index, publish, { olderThan: minutesAgo(15) });

    expect(bus.accepted).toHaveLength(1);
    expect(second).toMatchObject({ republished: 0, failed: 0 });
    expect(await outboxIds('redrive-b')).toEqual([]);
  });

  it('keeps a record the bus refused, reports it, and deletes the others', async () => {
    const { bus, index, publish } = setup();
    const refused = await stuck(expenseDeleted('redrive-c'), minutesAgo(30));
    const accepted = await stuck(expenseDeleted('redrive-c'), minutesAgo(30));
    bus.refuse.add(refused);
    const failures: string[] = [];

    const summary = await redriveOutbox(index, publish, {
      olderThan: minutesAgo(15),
      onProgress: (p) => p.outcome === 'failed' && failures.push(p.eventId),
    });

    expect(bus.eventIds()).toEqual([accepted]);
    expect(failures).toEqual([refused]);
    expect(summary).toMatchObject({ republished: 1, failed: 1 });
    expect(await outboxIds('redrive-c')).toEqual([refused]);
  });

  it('does not fail when the relay drained a record between listing and deleting it', async () => {
    const { bus, index, publish } = setup();
    const id = await stuck(expenseDeleted('redrive-d'), minutesAgo(30));
    const racing = {
      ...index,
      // The relay deletes the record right after the redrive published it.
      deleteRepublished: async (key: { PK: string; SK: string }) => {
        await index.deleteRepublished(key);
        return index.deleteRepublished(key);
      },
    };

    const summary = await redriveOutbox(racing, publish, { olderThan: minutesAgo(15) });

    expect(bus.eventIds()).toEqual([id]);
    expect(summary).toMatchObject({ republished: 1, failed: 0 });
  });

  it('lists without publishing or deleting on a dry run', async () => {
    const { bus, index, publish } = setup();
    const id = await stuck(expenseDeleted('redrive-e'), minutesAgo(30));

    const summary = await redriveOutbox(index, publish, { olderThan: minutesAgo(15), dryRun: true });

    expect(bus.accepted).toEqual([]);
    expect(summary).toMatchObject({ wouldRepublish: 1, republished: 0 });
    expect(await outboxIds('redrive-e')).toEqual([id]);
  });
});

describe('the age of the oldest outbox record', () => {
  it('is measured from the outbox index, and is 0 once the outbox is drained', async () => {
    const own = await freshTable(
      new URL('../../../services/catalog/resources/table.yml', import.meta.url),
      'CatalogTable',
    );
    try {
      const index = buildOutboxIndex(own.documentClient, { tableName: own.tableName });
      expect(await oldestOutboxAgeSeconds(index, new Date())).toBe(0);
      const writtenAt = minutesAgo(25);
      await own.documentClient.send(
        new PutCommand({ TableName: own.tableName, Item: outboxItem(expenseDeleted('age'), writtenAt) }),
      );
      await own.documentClient.send(
        new PutCommand({ TableName: own.tableName, Item: outboxItem(expenseDeleted('age'), minutesAgo(2)) }),
      );
      const now = new Date();

      expect(await oldestOutboxAgeSeconds(index, now)).toBe(
        Math.floor((now.getTime() - writtenAt.getTime()) / 1000),
      );
    } finally {
      own.client.destroy();
    }
  });
});
