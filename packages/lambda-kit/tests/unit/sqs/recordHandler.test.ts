import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PoisonMessageError } from '../../../src/sqs/PoisonMessageError';
import { recordHandler } from '../../../src/sqs/recordHandler';
import { lambdaContext, sqsEvent } from '../../../src/testing';
import { expenseRecorded, parseTestEvent } from '../../fixtures/events';
import { type CapturedOutput, captureOutput, testObservability } from '../../fixtures/observability';

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.restore();
});

const recordOf = (body: unknown) => sqsEvent([{ body, messageId: 'm-1' }]).Records[0]!;

describe('recordHandler', () => {
  it('throws PoisonMessageError for a record that does not parse', async () => {
    const { logger, metrics } = testObservability();
    const onRecord = recordHandler({ parse: parseTestEvent, handle: async () => undefined, logger, metrics });

    const result = onRecord(recordOf('{"detail":'), lambdaContext());

    await expect(result).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(result).rejects.toMatchObject({ messageId: 'm-1' });
  });

  it('gives the handler the parsed event, its record and the context', async () => {
    const { logger, metrics } = testObservability();
    const context = lambdaContext();
    const calls: unknown[] = [];
    const onRecord = recordHandler({
      parse: parseTestEvent,
      handle: async (event, meta) =>
        calls.push([event.detail.metadata.eventId, meta.record.messageId, meta.context]),
      logger,
      metrics,
    });

    await onRecord(recordOf(expenseRecorded('evt-1')), context);

    expect(calls).toEqual([['evt-1', 'm-1', context]]);
  });

  it('logs a handler failure with the event ids and rethrows it', async () => {
    const { logger, metrics } = testObservability();
    const onRecord = recordHandler({
      parse: parseTestEvent,
      handle: async () => {
        throw new Error('table throttled');
      },
      logger,
      metrics,
    });

    await expect(onRecord(recordOf(expenseRecorded('evt-1')), lambdaContext())).rejects.toThrow(
      'table throttled',
    );
    expect(output.logs('Event handling failed')).toEqual([
      expect.objectContaining({ messageId: 'm-1', eventId: 'evt-1', correlationId: 'corr-evt-1' }),
    ]);
  });

  it('removes the event keys from the logger once the record is done', async () => {
    const { logger, metrics } = testObservability();
    const onRecord = recordHandler({ parse: parseTestEvent, handle: async () => undefined, logger, metrics });
    await onRecord(recordOf(expenseRecorded('evt-1')), lambdaContext());

    logger.info('after');

    expect(output.logs('after')[0]).not.toHaveProperty('eventId');
  });
});
