import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { InvokeOutcome } from '../core/ports';
import { PendingWork } from '../persistence/pendingWork';
import { fakeCloud } from '../testing/fakeCloud';
import type { AslDefinition } from './definition';
import { type SavedExecution, StepFunctionsEngine } from './engine';

const flow: AslDefinition = {
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'work', 'Payload.$': '$' },
      OutputPath: '$.Payload',
      End: true,
    },
  },
};

/** An engine whose executions are kept in `path`; `invoke` is how the `work` function answers. */
function engineOn(path: string, invoke: (payload: unknown) => Promise<InvokeOutcome>) {
  const fake = fakeCloud();
  const pending = new PendingWork<SavedExecution>(path);
  const engine = new StepFunctionsEngine(fake.cloud, { timeScale: 0.001, pending });
  fake.answers.invoke = async (_ref, payload) => invoke(payload);
  const machine = engine.deploy({ name: 'report', definition: flow });
  return { ...fake, engine, pending, arn: machine.stateMachineArn };
}

describe('executions across a crash', () => {
  it('starts an interrupted execution again under the same ARN, name, input and start date', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sfn-')), 'executions.jsonl');
    let hang = (_outcome: InvokeOutcome) => {};
    const before = engineOn(path, () => new Promise((resolve) => (hang = resolve)));
    const { executionArn } = await before.engine.startExecution(before.arn, '{"reportId":"r-1"}', 'r-1');
    const started = before.engine.describeExecution(executionArn).startDate;

    const payloads: unknown[] = [];
    const after = engineOn(path, async (payload) => {
      payloads.push(payload);
      return { ok: true, result: { saved: true }, durationMs: 1, coldStart: false };
    });
    expect(after.engine.resume()).toBe(1);
    const ended = await after.engine.waitForExecution(executionArn);

    expect(ended).toMatchObject({ status: 'SUCCEEDED', name: 'r-1', input: '{"reportId":"r-1"}' });
    expect(ended.startDate).toEqual(started);
    expect(payloads).toEqual([{ reportId: 'r-1' }]);
    expect(after.pending.size).toBe(0);
    // Its name stays taken once it has ended, as Step Functions keeps it.
    await expect(after.engine.startExecution(after.arn, '{"reportId":"r-1"}', 'r-1')).rejects.toMatchObject({
      code: 'ExecutionAlreadyExists',
    });
    hang({ ok: true, result: {}, durationMs: 1, coldStart: false });
  });

  it('keeps the executions a shutdown aborts once told to, so the next start runs them again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sfn-')), 'executions.jsonl');
    const before = engineOn(path, () => new Promise(() => {}));
    const { executionArn } = await before.engine.startExecution(before.arn, '{}', 'r-2');
    before.engine.keepRunningExecutionsSaved();
    before.engine.stopExecution(executionArn, 'Shutdown');
    await before.engine.waitForExecution(executionArn);

    const after = engineOn(path, async () => ({ ok: true, result: {}, durationMs: 1, coldStart: false }));
    expect(after.engine.resume()).toBe(1);
    expect((await after.engine.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
  });

  it('does not keep executions that ended', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sfn-')), 'executions.jsonl');
    const before = engineOn(path, async () => ({ ok: true, result: {}, durationMs: 1, coldStart: false }));
    const { executionArn } = await before.engine.startExecution(before.arn, '{}');
    await before.engine.waitForExecution(executionArn);

    expect(before.pending.size).toBe(0);
    expect(
      engineOn(path, async () => ({ ok: true, result: {}, durationMs: 1, coldStart: false })).engine.resume(),
    ).toBe(0);
  });
});
