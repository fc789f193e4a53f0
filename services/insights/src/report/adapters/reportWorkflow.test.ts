import type { SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from '@jest/globals';
import { buildEndedExecutions } from './reportWorkflow';

const SINCE = new Date('2026-11-14T10:00:00Z');
const at = (iso: string) => new Date(iso);
const arn = (name: string) => `arn:aws:states:eu-west-1:1:execution:spendwise-insights-dev-report:${name}`;

/** A Step Functions client over a fixed list of executions, newest first, in pages of two. */
function fakeClient(executions: { name: string; status: string; startDate: Date; error?: string }[]) {
  const calls: string[] = [];
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const action = command.constructor.name.replace(/Command$/, '');
    if (action === 'ListExecutions') {
      const start = Number(command.input.nextToken ?? 0);
      calls.push(`List ${command.input.statusFilter} from ${start}`);
      const matching = executions.filter((e) => e.status === command.input.statusFilter);
      const page = matching.slice(start, start + 2);
      return {
        executions: page.map((e) => ({ executionArn: arn(e.name), name: e.name, startDate: e.startDate })),
        nextToken: start + 2 < matching.length ? String(start + 2) : undefined,
      };
    }
    const name = String(command.input.executionArn).split(':').pop() as string;
    calls.push(`Describe ${name}`);
    const execution = executions.find((e) => e.name === name);
    return {
      input: JSON.stringify({ userId: 'u1', reportId: name, month: '2026-10', correlationId: 'c' }),
      error: execution?.error,
    };
  };
  return { client: { send } as unknown as SFNClient, calls };
}

describe('buildEndedExecutions', () => {
  it('lists failed, timed-out and aborted executions since a moment, and stops paging at older ones', async () => {
    const { client, calls } = fakeClient([
      { name: 'f1', status: 'FAILED', startDate: at('2026-11-15T09:00:00Z'), error: 'ReportNotMarked' },
      { name: 'f2', status: 'FAILED', startDate: at('2026-11-15T08:00:00Z'), error: 'ReportFailed' },
      { name: 'f3', status: 'FAILED', startDate: at('2026-11-14T11:00:00Z'), error: 'ReportFailed' },
      { name: 'f-old', status: 'FAILED', startDate: at('2026-11-13T11:00:00Z'), error: 'ReportFailed' },
      { name: 'f-older', status: 'FAILED', startDate: at('2026-11-12T11:00:00Z'), error: 'ReportFailed' },
      { name: 'f-oldest', status: 'FAILED', startDate: at('2026-11-11T11:00:00Z'), error: 'ReportFailed' },
      { name: 't1', status: 'TIMED_OUT', startDate: at('2026-11-15T07:00:00Z') },
      { name: 's1', status: 'SUCCEEDED', startDate: at('2026-11-15T07:00:00Z') },
    ]);

    const ended = await buildEndedExecutions(client, { stateMachineArn: 'sm' })(SINCE);

    expect(ended.map((e) => [e.job.reportId, e.status, e.error])).toEqual([
      ['f1', 'FAILED', 'ReportNotMarked'],
      ['f2', 'FAILED', 'ReportFailed'],
      ['f3', 'FAILED', 'ReportFailed'],
      ['t1', 'TIMED_OUT', undefined],
    ]);
    expect(calls.filter((call) => call.startsWith('List'))).toEqual([
      'List FAILED from 0',
      'List FAILED from 2',
      'List TIMED_OUT from 0',
      'List ABORTED from 0',
    ]);
    expect(calls).not.toContain('Describe f-old');
  });
});
