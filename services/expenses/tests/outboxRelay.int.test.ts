import { spawn } from 'node:child_process';
import type {
  PutEventsCommand,
  PutEventsCommandOutput,
  PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildEventPublisher } from '@spendwise/contracts';
import { buildOutboxStore, relayOutbox } from '@spendwise/outbox';
import { StreamReader, testCalendar } from '@spendwise/test-kit';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { buildExpenseStore } from '../src/adapters/expenseStore';
import { EXPENSES_EVENTS } from '../src/publishedEvents';
import { expensesApi, lunch } from './api';
import { freshExpensesTable } from './support';

let table: Awaited<ReturnType<typeof freshExpensesTable>>;
let stream: StreamReader;

/**
 * Stands in for the bus: records every entry EventBridge accepted, and can refuse entries of chosen events
 * (EventBridge's per-entry failure, with FailedEntryCount).
 */
class RecordingBus {
  readonly accepted: PutEventsRequestEntry[] = [];
  readonly refuse = new Set<string>();

  async send(command: PutEventsCommand): Promise<PutEventsCommandOutput> {
    const entries = command.input.Entries ?? [];
    const results = entries.map((entry) => {
      const eventId = JSON.parse(entry.Detail ?? '{}').metadata?.eventId as string;
      if (this.refuse.has(eventId))
        return { ErrorCode: 'InternalFailure', ErrorMessage: 'refused by the test' };
      this.accepted.push(entry);
      return { EventId: `eb-${this.accepted.length}` };
    });
    const failed = results.filter((r) => 'ErrorCode' in r).length;
    return { FailedEntryCount: failed, Entries: results, $metadata: {} };
  }
}

// The same filter as the relay's event source mapping in serverless.yml: inserts of outbox records only.
const outboxInserts = (event: DynamoDBStreamEvent): DynamoDBStreamEvent => ({
  Records: event.Records.filter(
    (r: DynamoDBRecord) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.type?.S === 'Outbox',
  ),
});

const relayWith = (bus: RecordingBus) => {
  const outbox = buildOutboxStore(table.documentClient, { tableName: table.tableName });
  return relayOutbox({
    findPendingOutbox: outbox.findPendingOutbox,
    drainOutbox: outbox.drainOutbox,
    publish: buildEventPublisher(bus, {
      events: EXPENSES_EVENTS,
      busName: 'spendwise-test',
      maxAttempts: 2,
      baseDelayMs: 1,
    }).publish,
  });
};

const runCrashingProcess = (userId: string) =>
  new Promise<NodeJS.Signals | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/crashAfterCommit.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, TABLE_NAME: table.tableName, USER_ID: userId },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code ? reject(new Error(`exited ${code}: ${stderr}`)) : resolve(signal),
    );
  });

beforeAll(async () => {
  table = await freshExpensesTable();
  stream = new StreamReader(table.client, table.tableName);
});

afterAll(() => {
  stream.destroy();
  table.client.destroy();
});

describe('the outbox relay on the real DynamoDB stream', () => {
  it('publishes exactly once when the process is killed between the transaction and the answer', async () => {
    const signal = await runCrashingProcess('crash-user');
    expect(signal).toBe('SIGKILL');
    const store = buildExpenseStore(table.documentClient, { tableName: table.tableName });
    const [saved] = (
      await store.listExpenses({ userId: 'crash-user', month: testCalendar().month, limit: 10 })
    ).items;
    expect(saved?.merchant).toBe('Bookshop');

    const bus = new RecordingBus();
    const records = outboxInserts(await stream.next());
    const first = await relayWith(bus)(records);
    const redelivered = await relayWith(bus)(records);

    expect(first.batchItemFailures).toEqual([]);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(bus.accepted).toHaveLength(1);
    const published = bus.accepted[0]!;
    expect(published).toMatchObject({ Source: 'spendwise.expenses', DetailType: 'ExpenseRecorded' });
    expect(JSON.parse(published.Detail as string).data.expense.expenseId).toBe(saved?.expenseId);
    expect((await table.allItems()).filter((item) => item.type === 'Outbox')).toEqual([]);
  });

  it('reports the first event the bus refused, and a retry publishes only what is still pending', async () => {
    const api = expensesApi(table);
    for (const note of ['one', 'two', 'three'])
      await api.create({ user: 'relay-user', body: { ...lunch, note } });
    const records = outboxInserts(await stream.next());
    expect(records.Records).toHaveLength(3);
    const eventIdOf = (r: DynamoDBRecord | undefined) =>
      JSON.parse(r?.dynamodb?.NewImage?.detail?.S ?? '{}').metadata.eventId;
    const bus = new RecordingBus();
    bus.refuse.add(eventIdOf(records.Records[1]));

    const firstTry = await relayWith(bus)(records);
    bus.refuse.clear();
    const failedAt = records.Records.findIndex(
      (r) => r.dynamodb?.SequenceNumber === firstTry.batchItemFailures[0]?.itemIdentifier,
    );
    const secondTry = await relayWith(bus)({ Records: records.Records.slice(failedAt) });

    expect(failedAt).toBe(1);
    expect(secondTry.batchItemFailures).toEqual([]);
    const notes = bus.accepted.map((entry) => JSON.parse(entry.Detail as string).data.expense.note);
    expect(notes).toEqual(['one', 'three', 'two']);
  });
});
