import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { PendingWork } from '../../persistence/pendingWork';
import type { LambdaEngine } from '../LambdaEngine';
import { deployFixtures } from '../testing/deployFixtures';
import type { AsyncProgress, SavedAsyncEvent } from './AsyncInvoker';

const engines: LambdaEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

const failing = 'export const handler = async () => { throw new Error("not yet"); };';
const echo = 'export const handler = async (event) => event;';

async function deployed(source: string, path: string, delays: number[]) {
  const pending = new PendingWork<SavedAsyncEvent, AsyncProgress>(path);
  const deployment = await deployFixtures([{ name: 'apply', source }], {
    asyncRetryDelaysMs: delays,
    pending,
  });
  engines.push(deployment.engine);
  return { ...deployment, pending };
}

describe('asynchronous invocations across a crash', () => {
  it('runs after the restart an event waiting for its retry, counting the attempts already made', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'async-')), 'async-events.jsonl');
    const before = await deployed(failing, path, [60_000]);
    await before.engine.invoke('apply', { expenseId: 'e-1' }, { async: true });
    await waitFor(() => before.engine.functions()[0]?.errors === 1);
    // Killed while the retry waits (stop drops the timer in memory; the event stays on disk, as after a crash).
    await before.engine.stop();
    const [saved] = new PendingWork<SavedAsyncEvent, AsyncProgress>(path).restored();
    expect(saved).toMatchObject({
      item: { functionName: 'apply', payloadJson: '{"expenseId":"e-1"}' },
      progress: { attempts: 1 },
    });

    const after = await deployed(echo, path, [60_000]);
    expect(after.engine.resume()).toBe(1);
    await after.engine.settled();

    expect(after.engine.functions()[0]).toMatchObject({ invocations: 1, errors: 0 });
    expect(after.pending.size).toBe(0);
  });

  it('drops, with a line, a saved event of a function that is no longer deployed', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'async-')), 'async-events.jsonl');
    const saved = new PendingWork<SavedAsyncEvent, AsyncProgress>(path);
    saved.add('req-1', { functionName: 'removed', payloadJson: '{}', receivedAt: Date.now() });

    const after = await deployed(echo, path, [10]);
    expect(after.engine.resume()).toBe(0);
    expect(after.recorded.messages.join('\n')).toContain('saved async event req-1 of removed dropped');
    expect(after.pending.size).toBe(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
