import { describe, expect, it } from '@jest/globals';
import { type EventEnvelope, EventPublishError } from '@spendwise/contracts';
import type { DynamoDBRecord } from 'aws-lambda';
import { relayOutbox } from './relayOutbox';

const record = (sequence: string, eventId: string | null): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: sequence,
    NewImage:
      eventId === null
        ? { PK: { S: 'OUTBOX#broken' }, type: { S: 'Outbox' } }
        : {
            PK: { S: `OUTBOX#${eventId}` },
            type: { S: 'Outbox' },
            source: { S: 'spendwise.expenses' },
            detailType: { S: 'ExpenseRecorded' },
            detail: { S: JSON.stringify({ metadata: { eventId }, data: {} }) },
          },
  },
});

function fakes(options: { pending?: string[]; refuse?: string[] } = {}) {
  const published: string[] = [];
  const drained: string[] = [];
  return {
    published,
    drained,
    deps: {
      findPendingOutbox: async (ids: string[]) =>
        new Set(ids.filter((id) => options.pending?.includes(id) ?? true)),
      drainOutbox: async (ids: string[]) => {
        drained.push(...ids);
      },
      publish: async (events: EventEnvelope[]) => {
        const ids = events.map((e) => e.detail.metadata.eventId);
        const refused = ids.filter((id) => options.refuse?.includes(id));
        published.push(...ids.filter((id) => !refused.includes(id)));
        if (refused.length) {
          throw new EventPublishError(
            refused.map((eventId) => ({
              eventId,
              detailType: 'ExpenseRecorded',
              errorCode: 'InternalFailure',
            })),
            ids.length - refused.length,
            4,
          );
        }
        return { published: ids.length, attempts: 1 };
      },
    },
  };
}

describe('relayOutbox', () => {
  it('publishes and drains every pending record of the batch', async () => {
    const { deps, published, drained } = fakes();

    const result = await relayOutbox(deps)({ Records: [record('1', 'a'), record('2', 'b')] });

    expect(result.batchItemFailures).toEqual([]);
    expect(published).toEqual(['a', 'b']);
    expect(drained).toEqual(['a', 'b']);
  });

  it('skips records an earlier attempt already relayed', async () => {
    const { deps, published } = fakes({ pending: ['b'] });

    await relayOutbox(deps)({ Records: [record('1', 'a'), record('2', 'b')] });

    expect(published).toEqual(['b']);
  });

  it('checkpoints at the first refused event and drains only what was published', async () => {
    const { deps, drained } = fakes({ refuse: ['b', 'c'] });

    const result = await relayOutbox(deps)({
      Records: [record('1', 'a'), record('2', 'b'), record('3', 'c')],
    });

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(drained).toEqual(['a']);
  });

  it('reports an unreadable outbox record instead of skipping it silently', async () => {
    const logged: string[] = [];
    const { deps, published } = fakes();

    const result = await relayOutbox({ ...deps, log: (message) => logged.push(message) })({
      Records: [record('1', 'a'), record('2', null)],
    });

    expect(published).toEqual(['a']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(logged).toEqual(['Outbox record could not be read']);
  });
});
