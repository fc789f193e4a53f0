import { describe, expect, it } from '@jest/globals';
import { logTail, reportLine } from './logLines';

describe('reportLine', () => {
  it('prints a cold start like Lambda, billing the init duration too', () => {
    const line = reportLine({
      requestId: 'r',
      durationMs: 12.345,
      memoryMb: 256,
      memoryUsedMb: 61,
      initDurationMs: 150.5,
    });

    expect(line).toBe(
      'REPORT RequestId: r\tDuration: 12.35 ms\tBilled Duration: 163 ms\tMemory Size: 256 MB\tMax Memory Used: 61 MB\tInit Duration: 150.50 ms',
    );
  });

  it('adds the status of a timed-out invocation', () => {
    expect(
      reportLine({ requestId: 'r', durationMs: 1000, memoryMb: 128, memoryUsedMb: 20, status: 'timeout' }),
    ).toMatch(/\tStatus: timeout$/);
  });
});

describe('logTail', () => {
  it('keeps the last 4 KB, base64-encoded', () => {
    const lines = ['first', 'x'.repeat(5000), 'last'];

    const decoded = Buffer.from(logTail(lines), 'base64').toString();

    expect(decoded).toHaveLength(4096);
    expect(decoded.endsWith('x\nlast\n')).toBe(true);
  });
});
