import type { SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from '@jest/globals';
import { buildReportWorkflow } from './reportWorkflow';

const job = { userId: 'u1', reportId: 'r-1', month: '2026-10', correlationId: 'c-1' };

function fakeClient(answer: () => unknown) {
  const sent: { action: string; input: Record<string, unknown> }[] = [];
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    sent.push({ action: command.constructor.name.replace(/Command$/, ''), input: command.input });
    return answer();
  };
  return { client: { send } as unknown as SFNClient, sent };
}

describe('buildReportWorkflow', () => {
  it('starts one execution named by the report id, with the job as its input', async () => {
    const { client, sent } = fakeClient(() => ({ executionArn: 'arn' }));

    const outcome = await buildReportWorkflow(client, { stateMachineArn: 'sm' })(job);

    expect(outcome).toBe('started');
    expect(sent).toEqual([
      { action: 'StartExecution', input: { stateMachineArn: 'sm', name: 'r-1', input: expect.any(String) } },
    ]);
    expect(JSON.parse(String(sent[0]?.input.input))).toEqual(job);
  });

  it('reads ExecutionAlreadyExists as already started and lets any other refusal through', async () => {
    const refusing = (name: string) =>
      fakeClient(() => {
        throw Object.assign(new Error(name), { name });
      }).client;

    await expect(
      buildReportWorkflow(refusing('ExecutionAlreadyExists'), { stateMachineArn: 'sm' })(job),
    ).resolves.toBe('already-started');
    await expect(
      buildReportWorkflow(refusing('ThrottlingException'), { stateMachineArn: 'sm' })(job),
    ).rejects.toThrow('ThrottlingException');
  });
});
