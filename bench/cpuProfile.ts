/**
 * Reading a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) by script: self time per function and per
 * module, counting only the samples inside given time windows (the measured invocations), without idle time.
 * Modules come from an unminified esbuild bundle's `// <path>` comments, which open each module's code.
 */

export interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based. */
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  /** Monotonic microseconds. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** [start, end] in the profile's clock (monotonic microseconds). */
export type Window = readonly [number, number];

export interface SelfTime {
  name: string;
  module: string;
  selfUs: number;
}

export interface ProfileSummary {
  /** Non-idle time sampled inside the windows. */
  totalUs: number;
  /** Idle time sampled inside the windows (waiting on I/O). */
  idleUs: number;
  functions: SelfTime[];
  modules: { module: string; selfUs: number }[];
}

/** V8's pseudo-frames: `(program)` (native, outside JS), `(garbage collector)`, `(idle)`, `(root)`. */
const PSEUDO = /^\(.*\)$/;

/**
 * The module each line of an unminified esbuild bundle belongs to: the path of the last `// <path>` comment at
 * or before it (esbuild writes one before each module's code). Returns a lookup by 0-based line.
 */
export function bundleModules(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  bundle.split('\n').forEach((text, line) => {
    const match = /^\/\/ (\S+\.(?:[cm]?[jt]sx?|json))$/.exec(text);
    if (match) starts.push({ line, module: packageOf(match[1]!) });
  });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = '(bundle prologue)';
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = starts[mid]!;
      if (start.line <= line) {
        found = start.module;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
}

/**
 * A module path as people name it: the npm package for anything under node_modules (`@smithy/core`), else the
 * workspace path from `services/` or `packages/` on.
 */
export function packageOf(path: string): string {
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const parts = path.slice(nodeModules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const workspace = /(?:^|\/)((?:services|packages|bench|scripts)\/.*)$/.exec(path);
  return workspace ? workspace[1]! : path.replace(/^(\.\.\/)+/, '');
}

/** Whether `at` lies in one of the (sorted) windows. */
const inWindows = (windows: readonly Window[] | undefined, at: number): boolean =>
  windows === undefined || windows.some(([start, end]) => at >= start && at <= end);

/**
 * Self time per function and per module of the samples inside `windows` (all samples without). A sample's time
 * is the interval to the next sample. `moduleOf` names the module of a frame in `bundleUrl` by its line; frames
 * of other files are named by their URL (`node:internal/…` for Node's own).
 */
export function summarizeProfile(
  profile: CpuProfile,
  options: { windows?: readonly Window[]; bundleUrl?: string; moduleOf?: (line: number) => string } = {},
): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfByNode = new Map<number, number>();
  let at = profile.startTime;
  let idleUs = 0;
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    const next = profile.timeDeltas[index + 1];
    const duration = next ?? 0;
    if (!inWindows(options.windows, at)) return;
    if (frames.get(id)?.functionName === '(idle)') {
      idleUs += duration;
      return;
    }
    totalUs += duration;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + duration);
  });

  const moduleOf = (frame: CallFrame): string => {
    if (PSEUDO.test(frame.functionName)) return frame.functionName;
    if (frame.url === '') return '(native)';
    if (options.bundleUrl && frame.url === options.bundleUrl && options.moduleOf)
      return options.moduleOf(frame.lineNumber);
    return frame.url.startsWith('node:') ? frame.url : packageOf(frame.url);
  };
  const byFunction = new Map<string, SelfTime>();
  const byModule = new Map<string, number>();
  for (const [id, selfUs] of selfByNode) {
    const frame = frames.get(id);
    if (!frame) continue;
    const module = moduleOf(frame);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}\u0000${module}\u0000${frame.lineNumber}:${frame.columnNumber}`;
    const entry = byFunction.get(key) ?? { name, module, selfUs: 0 };
    entry.selfUs += selfUs;
    byFunction.set(key, entry);
    byModule.set(module, (byModule.get(module) ?? 0) + selfUs);
  }
  return {
    totalUs,
    idleUs,
    functions: [...byFunction.values()].sort((a, b) => b.selfUs - a.selfUs),
    modules: [...byModule]
      .map(([module, selfUs]) => ({ module, selfUs }))
      .sort((a, b) => b.selfUs - a.selfUs),
  };
}
