import { describe, expect, it } from '@jest/globals';
import type { SpendwiseClient } from './client';
import { waitForRecorded } from './story';

type Create = SpendwiseClient['api']['expenses']['create'];

/** An expenses API whose merchant rule never arrives: every expense without a category stays uncategorised. */
function withoutRule(filed: (attempt: number) => string = () => 'uncategorized') {
  const calls: string[] = [];
  let ids = 0;
  const create = async (body: Parameters<Create>[0]) => {
    calls.push('POST /expenses');
    ids += 1;
    return { data: { ...body, expenseId: `e-${ids}`, categoryId: filed(ids), version: 1 } };
  };
  const client = {
    api: {
      expenses: {
        create,
        delete: async (id: string) => {
          calls.push(`DELETE /expenses/${id}`);
        },
      },
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
    const { client, calls } = withoutRule((attempt) => (attempt === 3 ? 'transport' : 'uncategorized'));

    const recorded = await waitForRecorded(client, '2000-01-01', undefined, 'City Metro', 4900, 5_000, 1);

    expect(recorded.categoryId).toBe('transport');
    expect(calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(2);
  });
});
