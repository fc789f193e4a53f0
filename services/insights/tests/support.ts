import type { EventEnvelope } from '@spendwise/contracts';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import { freshTable } from '@spendwise/test-kit';
import { buildInsightsStore } from '../src/adapters/insightsStore';
import {
  buildActiveUsersReader,
  buildMonthAggregatesReader,
  buildMonthTotalsReader,
} from '../src/adapters/monthAggregatesReader';
import { applySpendingEventHandler } from '../src/functions/applySpendingEvent/applySpendingEvent';
import { onTheBus } from './events';

const resources = new URL('../resources/table.yml', import.meta.url);

/**
 * The spending consumer as deployed — the real handler (parse, batches per user, batch failures) over the real
 * store — on a fresh insights table of this run's DynamoDB Local.
 */
export async function spendingHarness() {
  const table = await freshTable(resources, 'InsightsTable');
  const store = buildInsightsStore(table.documentClient, { tableName: table.tableName });
  const handler = applySpendingEventHandler({ ...store, now: () => new Date() });

  /** Delivers one SQS batch; a string is sent as the raw message body. */
  const deliver = async (...events: (EventEnvelope | string)[]) =>
    handler(
      sqsEvent(events.map((event) => ({ body: typeof event === 'string' ? event : onTheBus(event) }))),
      lambdaContext(),
    );

  /** Delivers each event in its own batch, in the order given, and fails on any batch item failure. */
  const deliverEach = async (...events: EventEnvelope[]) => {
    for (const event of events) {
      const { batchItemFailures } = await deliver(event);
      if (batchItemFailures.length > 0) throw new Error(`${event.detailType} was not applied`);
    }
  };

  const outbox = async (userId: string) =>
    (await table.allItems())
      .filter((item) => item.type === 'Outbox')
      .map((item) => ({ detailType: String(item.detailType), detail: JSON.parse(String(item.detail)) }))
      .filter((event) => event.detail.metadata.userId === userId);

  return {
    table,
    store,
    /** The DynamoDB clients the consumer writes through (for tests/capacity.ts). */
    clients: [table.client],
    deliver,
    deliverEach,
    outbox,
    loadMonth: buildMonthAggregatesReader(table.documentClient, table.tableName),
    loadMonthTotals: buildMonthTotalsReader(table.documentClient, table.tableName),
    listActiveUsers: buildActiveUsersReader(table.documentClient, table.tableName),
    close: () => {
      table.client.destroy();
    },
  };
}

export type SpendingHarness = Awaited<ReturnType<typeof spendingHarness>>;
