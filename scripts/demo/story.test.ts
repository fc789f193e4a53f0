import { describe, expect, it } from '@jest/globals';
import type { SpendwiseClient } from './client';
import { waitForRecorded } from './story';

/** An expenses API whose merchant rule never arrives: every expense without a category stays uncategorised. */
function withoutRule() {
  const calls: string[] = [];
  let ids = 0;
  const client = {
    expect: async (_status: unknown, _service: string, method: string, path: string, body?: unknown) => {
      calls.push(`${method} ${path}`);
      if (method === 'DELETE') return undefined;
      const input = body as { amount: unknown; date: string; merchant: string };
      return { ...input, expenseId: `e-${++ids}`, categoryId: 'uncategorized', version: 1 };
    },
  } as unknown as SpendwiseClient;
  return { client, calls };
}

describe('waitForRecorded', () => {
  it('gives up after its timeout when the merchant rule never files the expense', async () => {
    const { client, calls } = withoutRule();

    const waiting = waitForRecorded(client, '2000-01-01', undefined, 'City Metro', 4900, 300, 20);

    await expect(waiting).rejects.toThrow(/Timed out after 300 ms .*City Metro/);
    // every probe it recorded was deleted again
    const posts = calls.filter((c) => c.startsWith('POST')).length;
    expect(calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(posts);
  }, 10_000);

  it('keeps the expense once the rule has filed it', async () => {
    const { client, calls } = withoutRule();
    let attempts = 0;
    const filedOnThird = {
      ...client,
      expect: async (...args: Parameters<SpendwiseClient['expect']>) => {
        const answer = (await client.expect(...args)) as Record<string, unknown> | undefined;
        if (args[2] === 'POST' && ++attempts === 3) return { ...answer, categoryId: 'transport' };
        return answer;
      },
    } as SpendwiseClient;

    const recorded = await waitForRecorded(
      filedOnThird,
      '2000-01-01',
      undefined,
      'City Metro',
      4900,
      5_000,
      1,
    );

    expect(recorded.categoryId).toBe('transport');
    expect(calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(2);
  });
});
