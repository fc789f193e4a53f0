import { describe, expect, it } from '@jest/globals';
import { dueBy, runArrivals } from './arrivals';

describe('the open-loop arrival schedule', () => {
  it('sends every request at its due time, however long the system takes to answer', async () => {
    let clock = 0;
    const sends: { index: number; dueAt: number; at: number }[] = [];
    const sent = await runArrivals({
      rate: 50,
      durationSeconds: 2,
      now: () => clock,
      // A tick that comes late (a busy event loop) must not drop or postpone the requests due meanwhile.
      wait: async (ms) => {
        clock += Math.max(ms, 37);
      },
      send: (index, dueAt) => sends.push({ index, dueAt, at: clock }),
    });
    expect(sent).toBe(100);
    expect(sends.map((send) => send.index)).toEqual([...Array(100).keys()]);
    expect(sends[99]?.dueAt).toBeCloseTo(1980);
    for (const send of sends) {
      expect(send.at).toBeGreaterThanOrEqual(send.dueAt);
      expect(send.at - send.dueAt).toBeLessThan(37 + 20);
    }
  });

  it('counts the requests due by a point of the run, never more than rate × duration', () => {
    expect(dueBy(0, 200, 30)).toBe(1);
    expect(dueBy(1000, 200, 30)).toBe(201);
    expect(dueBy(60_000, 200, 30)).toBe(6000);
  });
});
