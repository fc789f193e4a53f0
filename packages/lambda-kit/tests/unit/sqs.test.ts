import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type RecordMeta, sqsEventConsumer } from '../../src/sqs';
import { InMemoryPersistenceLayer, lambdaContext, sqsEvent } from '../../src/testing';
import { expenseRecorded, parseTestEvent, type TestDomainEvent } from '../fixtures/events';
import { type CapturedOutput, captureOutput, testObservability } from '../fixtures/observability';

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.restore();
});

/** A consumer whose handler records what it applied, and fails on the given event ids. */
const consumerApplying = (failOn: string[] = [], persistenceStore = new InMemoryPersistenceLayer()) => {
  const applied: string[] = [];
  const handle = async (event: TestDomainEvent, _meta: RecordMeta) => {
    const { eventId } = event.detail.metadata;
    if (failOn.includes(eventId)) throw new Error(`cannot apply ${eventId}`);
    applied.push(eventId);
  };
  const handler = sqsEventConsumer({
    parse: parseTestEvent,
    handle,
    idempotency: { persistenceStore },
    observability: testObservability(),
  });
  return { handler, applied };
};

describe('sqsEventConsumer', () => {
  it('reports only the failed record of a batch of three', async () => {
    const { handler, applied } = consumerApplying(['evt-2']);
    const batch = sqsEvent([
      { body: expenseRecorded('evt-1') },
      { body: expenseRecorded('evt-2') },
      { body: expenseRecorded('evt-3') },
    ]);

    const response = await handler(batch, lambdaContext());

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-2' }] });
    expect(applied).toEqual(['evt-1', 'evt-3']);
  });

  it('answers an empty failure list when every record succeeds', async () => {
    const { handler } = consumerApplying();

    const response = await handler(sqsEvent([{ body: expenseRecorded('evt-1') }]), lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('reports a poison record as a failure, logged with its message id and counted', async () => {
    const { handler, applied } = consumerApplying();
    const batch = sqsEvent([{ body: expenseRecorded('evt-1') }, { body: 'not json', messageId: 'poison-1' }]);

    const response = await handler(batch, lambdaContext());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'poison-1' }]);
    expect(applied).toEqual(['evt-1']);
    expect(output.logs('Poison message')).toEqual([expect.objectContaining({ messageId: 'poison-1' })]);
    expect(output.metricNames()).toContain('PoisonMessages');
  });

  it('reports a batch made only of a poison record without throwing', async () => {
    const { handler } = consumerApplying();

    const response = await handler(sqsEvent([{ body: { detail: {} } }]), lambdaContext());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
  });

  it('applies an event delivered twice only once', async () => {
    const { handler, applied } = consumerApplying();
    const delivery = () => sqsEvent([{ body: expenseRecorded('evt-1', { minorUnits: 500 }) }]);

    await handler(delivery(), lambdaContext());
    const second = await handler(delivery(), lambdaContext({ awsRequestId: 'aws-req-0002' }));

    expect(applied).toEqual(['evt-1']);
    expect(second.batchItemFailures).toEqual([]);
  });

  it('logs and counts a skipped duplicate', async () => {
    const { handler } = consumerApplying();
    await handler(sqsEvent([{ body: expenseRecorded('evt-1') }]), lambdaContext());

    await handler(sqsEvent([{ body: expenseRecorded('evt-1') }]), lambdaContext());

    expect(output.logs('Duplicate event skipped')).toEqual([expect.objectContaining({ eventId: 'evt-1' })]);
    expect(output.metricNames()).toContain('DuplicateEvents');
  });

  it('applies a duplicate within one batch only once', async () => {
    const { handler, applied } = consumerApplying();
    const batch = sqsEvent([{ body: expenseRecorded('evt-1') }, { body: expenseRecorded('evt-1') }]);

    const response = await handler(batch, lambdaContext());

    expect(applied).toEqual(['evt-1']);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('applies a failed event again when it is redelivered', async () => {
    const failOn = ['evt-1'];
    const { handler, applied } = consumerApplying(failOn);
    await handler(sqsEvent([{ body: expenseRecorded('evt-1') }]), lambdaContext());
    failOn.length = 0;

    await handler(sqsEvent([{ body: expenseRecorded('evt-1') }]), lambdaContext());

    expect(applied).toEqual(['evt-1']);
  });

  it('logs with the correlation id of the event being handled', async () => {
    const observability = testObservability();
    const handler = sqsEventConsumer({
      parse: parseTestEvent,
      handle: () => observability.logger.info('applying'),
      idempotency: false,
      observability,
    });

    await handler(
      sqsEvent([{ body: expenseRecorded('evt-1') }, { body: expenseRecorded('evt-2') }]),
      lambdaContext(),
    );

    expect(output.logs('applying').map((line) => line.correlationId)).toEqual(['corr-evt-1', 'corr-evt-2']);
  });

  it('hands every record to the handler when idempotency is off', async () => {
    const seen: string[] = [];
    const handler = sqsEventConsumer({
      parse: parseTestEvent,
      handle: (event) => {
        seen.push(event.detail.metadata.eventId);
      },
      idempotency: false,
      observability: testObservability(),
    });

    await handler(
      sqsEvent([{ body: expenseRecorded('evt-1') }, { body: expenseRecorded('evt-1') }]),
      lambdaContext(),
    );

    expect(seen).toEqual(['evt-1', 'evt-1']);
  });
});

describe('sqsEventConsumer with processInParallel', () => {
  /** A handler that counts how many records are in it at once, yielding to the event loop while inside. */
  const overlapping = (failOn: string[] = []) => {
    const seen = { inFlight: 0, most: 0 };
    const handler = sqsEventConsumer({
      parse: parseTestEvent,
      handle: async (event: TestDomainEvent) => {
        seen.inFlight += 1;
        seen.most = Math.max(seen.most, seen.inFlight);
        for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
        seen.inFlight -= 1;
        if (failOn.includes(event.detail.metadata.eventId)) throw new Error('receiver unavailable');
      },
      idempotency: { persistenceStore: new InMemoryPersistenceLayer() },
      observability: testObservability(),
      processInParallel: true,
    });
    return { handler, seen };
  };
  const batch = () =>
    sqsEvent([
      { body: expenseRecorded('evt-1') },
      { body: expenseRecorded('evt-2') },
      { body: expenseRecorded('evt-3') },
    ]);

  it('handles the records of a batch at the same time', async () => {
    const { handler, seen } = overlapping();

    const response = await handler(batch(), lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen.most).toBe(3);
  });

  it('still reports only the failed record, logged with its own ids', async () => {
    const { handler } = overlapping(['evt-2']);

    const response = await handler(batch(), lambdaContext());

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-2' }] });
    expect(output.logs('Event handling failed')).toEqual([
      expect.objectContaining({ messageId: 'msg-2', eventId: 'evt-2', correlationId: 'corr-evt-2' }),
    ]);
  });
});
