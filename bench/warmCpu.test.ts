import { describe, expect, it } from '@jest/globals';
import { bundleModules, type CpuProfile, packageOf, summarizeProfile } from './cpuProfile';
import { quantile, warmCpuFigures } from './warmCpuFigures';

describe('warmCpuFigures', () => {
  it('interpolates quantiles between the closest ranks', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.9)).toBe(9);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('gives per-record CPU, per-batch figures and the outcomes counted', () => {
    const batches = [10, 20, 30, 40, 50].map((cpuMs, index) => ({
      cpuMs,
      wallMs: cpuMs * 2,
      calls: 13,
      outcome: index === 4 ? '1 failed record(s)' : '0 failed record(s)',
    }));
    const figures = warmCpuFigures(batches, 10);
    expect(figures.cpuPerRecordMs).toEqual({ median: 3, p90: 4.6 });
    expect(figures.cpuPerBatchMs.median).toBe(30);
    expect(figures.wallPerBatchMs.median).toBe(60);
    expect(figures.callsPerBatch).toEqual({ median: 13, p90: 13 });
    expect([...figures.outcomes]).toEqual([
      ['0 failed record(s)', 4],
      ['1 failed record(s)', 1],
    ]);
  });
});

describe('cpuProfile', () => {
  it('names modules by their npm package or workspace path', () => {
    expect(
      packageOf('../../node_modules/.pnpm/@smithy+core@3.1.0/node_modules/@smithy/core/dist-es/a.js'),
    ).toBe('@smithy/core');
    expect(packageOf('../../node_modules/.pnpm/uuid@9/node_modules/uuid/dist/index.js')).toBe('uuid');
    expect(packageOf('../../packages/lambda-kit/src/sqs.ts')).toBe('packages/lambda-kit/src/sqs.ts');
    expect(packageOf('src/functions/x/handler.ts')).toBe('src/functions/x/handler.ts');
  });

  it('finds the module of a bundle line from the comment that opens it', () => {
    const bundle = [
      'import x from "y";',
      '// ../../node_modules/.pnpm/a@1/node_modules/a/index.js',
      'var a = 1;',
      '// ../../packages/kit/src/b.ts',
      'var b = 2;',
      'var c = 3;',
    ].join('\n');
    const moduleOf = bundleModules(bundle);
    expect(moduleOf(0)).toBe('(bundle prologue)');
    expect(moduleOf(2)).toBe('a');
    expect(moduleOf(4)).toBe('packages/kit/src/b.ts');
    expect(moduleOf(5)).toBe('packages/kit/src/b.ts');
  });

  it('sums self time per function and module inside the windows, idle apart', () => {
    const frame = (functionName: string, url = '', lineNumber = -1) => ({
      functionName,
      url,
      lineNumber,
      columnNumber: 0,
    });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('(idle)') },
        { id: 3, callFrame: frame('plan', 'file:///b.mjs', 4) },
        { id: 4, callFrame: frame('marshall', 'file:///b.mjs', 2) },
        { id: 5, callFrame: frame('(garbage collector)') },
      ],
      startTime: 1000,
      endTime: 1100,
      // Samples at 1010, 1020, …, 1080; each counts until the next.
      samples: [3, 3, 4, 2, 5, 3, 4, 3],
      timeDeltas: [10, 10, 10, 10, 10, 10, 10, 10],
    };
    const summary = summarizeProfile(profile, {
      windows: [
        [1000, 1045],
        [1055, 1075],
      ],
      bundleUrl: 'file:///b.mjs',
      moduleOf: (line) => (line < 3 ? 'a' : 'packages/b.ts'),
    });
    // Inside: 1010 plan, 1020 plan, 1030 marshall, 1040 idle, 1060 plan, 1070 marshall.
    expect(summary.totalUs).toBe(50);
    expect(summary.idleUs).toBe(10);
    expect(summary.functions).toEqual([
      { name: 'plan', module: 'packages/b.ts', selfUs: 30 },
      { name: 'marshall', module: 'a', selfUs: 20 },
    ]);
    expect(summary.modules).toEqual([
      { module: 'packages/b.ts', selfUs: 30 },
      { module: 'a', selfUs: 20 },
    ]);
  });
});
