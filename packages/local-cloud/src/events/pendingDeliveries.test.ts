import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AwsApiError } from '../core/errors';
import type { OutgoingMessage } from '../core/ports';
import { PendingWork } from '../persistence/pendingWork';
import { fakeCloud } from '../testing/fakeCloud';
import type { DeliveryProgress, SavedDeliveryJob } from './delivery';
import { EventBridgeEngine } from './engine';
import { manualScheduler } from './manualScheduler';
import { parsePattern } from './pattern';

const QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:consumer';
const entry = { Source: 'spendwise.expenses', DetailType: 'ExpenseRecorded', Detail: '{"amount":1}' };

/** A bus whose deliveries are kept in `path`; `send` is how its one queue target answers. */
function busOn(path: string, send: (message: OutgoingMessage) => Promise<{ messageId: string }>) {
  const fake = fakeCloud();
  const scheduler = manualScheduler();
  const pending = new PendingWork<SavedDeliveryJob, DeliveryProgress>(path);
  const engine = new EventBridgeEngine(fake.cloud, {
    schedule: scheduler.schedule,
    retry: { random: () => 1 },
    pending,
  });
  fake.cloud.sqs.send = async (_queue, message) => send(message);
  const rule = engine.registry.putRule({
    name: 'consume',
    pattern: parsePattern({ source: ['spendwise.expenses'] }),
  });
  engine.registry.putTargets(rule, [{ Id: 'consumer', Arn: QUEUE }]);
  return { engine, scheduler, pending };
}

describe('bus deliveries across a crash', () => {
  it('delivers after the restart an event whose first attempt the crash interrupted', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'events-')), 'deliveries.jsonl');
    const before = busOn(path, () => new Promise(() => {}));
    const { Entries } = await before.engine.putEvents([entry]);
    expect(before.pending.size).toBe(1);

    const delivered: OutgoingMessage[] = [];
    const after = busOn(path, async (message) => {
      delivered.push(message);
      return { messageId: 'm' };
    });
    expect(after.engine.resume()).toBe(1);
    await after.engine.settled();

    expect(delivered.map((m) => JSON.parse(m.body).id)).toEqual([
      (Entries[0] as { EventId: string }).EventId,
    ]);
    expect(after.pending.size).toBe(0);
    expect(new PendingWork(path).restored()).toEqual([]);
  });

  it('takes up a retry that was waiting, with the retries already made', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'events-')), 'deliveries.jsonl');
    const before = busOn(path, async () => {
      throw new AwsApiError(500, 'InternalError', 'boom');
    });
    await before.engine.putEvents([entry]);
    await before.engine.settled();
    expect(before.scheduler.pending).toHaveLength(1);

    const [saved] = new PendingWork<SavedDeliveryJob, DeliveryProgress>(path).restored();
    expect(saved?.progress).toMatchObject({ retries: 1 });
    const after = busOn(path, async () => ({ messageId: 'm' }));
    expect(after.engine.resume()).toBe(1);
    await after.engine.settled();

    expect(after.pending.size).toBe(0);
  });

  it('forgets deliveries that reached their target', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'events-')), 'deliveries.jsonl');
    const before = busOn(path, async () => ({ messageId: 'm' }));
    await before.engine.putEvents([entry, entry]);
    await before.engine.settled();

    expect(busOn(path, async () => ({ messageId: 'm' })).engine.resume()).toBe(0);
  });
});
