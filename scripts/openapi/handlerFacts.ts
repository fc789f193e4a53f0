import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A problem a handler (or a module it imports) can answer with. */
export interface ProblemFact {
  status: number;
  code: string;
}

/** What the source of one HTTP function says about its contract, read without running it. */
export interface HandlerFacts {
  /** Titles of the request schemas its `httpHandler` options validate with (`validate<Title>`). */
  body?: string;
  query?: string;
  path?: string;
  /** 2xx/3xx statuses it answers. */
  statuses: number[];
  problems: ProblemFact[];
  /** Request headers it reads. */
  reads: { idempotencyKey: boolean; ifMatch: boolean; ifMatchRequired: boolean; ifNoneMatch: boolean };
  /** Response headers it sets. */
  sets: {
    etag: boolean;
    location: boolean;
    idempotentReplayed: boolean;
    retryAfter: boolean;
    cacheControl: boolean;
  };
  /** Files read, relative to the repository root (what the facts come from). */
  files: string[];
}

// A problem's status and code as the kit's helpers and constructors spell them.
const PROBLEM_PATTERNS: [RegExp, (m: RegExpExecArray) => ProblemFact][] = [
  [
    /new HttpProblemError\(\s*(\d{3}),\s*'([A-Z][A-Z0-9_]*)'/g,
    (m) => ({ status: Number(m[1]), code: m[2]! }),
  ],
  [/\{\s*status:\s*(\d{3}),\s*code:\s*'([A-Z][A-Z0-9_]*)'/g, (m) => ({ status: Number(m[1]), code: m[2]! })],
  [/\bbadRequest\(\s*'([A-Z][A-Z0-9_]*)'/g, (m) => ({ status: 400, code: m[1]! })],
  [/\bnotFound\(\s*'([A-Z][A-Z0-9_]*)'/g, (m) => ({ status: 404, code: m[1]! })],
  [/\bconflict\(\s*'([A-Z][A-Z0-9_]*)'/g, (m) => ({ status: 409, code: m[1]! })],
  [/\bpreconditionFailed\(\s*'([A-Z][A-Z0-9_]*)'/g, (m) => ({ status: 412, code: m[1]! })],
];

const IMPORT = /from '(\.{1,2}\/[^']+)'/g;

/** Source without comments, so that a JSDoc example is not read as a problem the code answers. */
const withoutComments = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** Every problem the given sources spell out, sorted by status then code, without repeats. */
export function problemsIn(sources: readonly string[]): ProblemFact[] {
  const found = new Map<string, ProblemFact>();
  for (const source of sources.map(withoutComments)) {
    for (const [pattern, toFact] of PROBLEM_PATTERNS) {
      for (const match of source.matchAll(pattern)) {
        const fact = toFact(match);
        found.set(`${fact.status} ${fact.code}`, fact);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

const isSource = (name: string) =>
  name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');

const resolveImport = (from: string, spec: string): string | undefined =>
  [`${spec}.ts`, `${spec}/index.ts`, spec]
    .map((candidate) => resolve(dirname(from), candidate))
    .find((path) => existsSync(path) && path.endsWith('.ts'));

/**
 * The sources of an HTTP function: every module of its folder, and every module they import by a relative path
 * inside `within` (the service's `src`), transitively. Generated code is left out.
 */
export function functionSources(functionDir: string, within: string): Map<string, string> {
  const sources = new Map<string, string>();
  const queue = readdirSync(functionDir)
    .filter(isSource)
    .map((name) => join(functionDir, name));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (sources.has(file) || !file.startsWith(within) || file.includes('/generated/')) continue;
    const text = readFileSync(file, 'utf8');
    sources.set(file, text);
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1]!);
      if (target) queue.push(target);
    }
  }
  return sources;
}

const STATUS_LINE = /statusCode\s*[:=][^\n]*/g;

/** The success statuses a function answers: the 2xx/3xx numbers on its `statusCode` lines, and cacheableRead's. */
function statusesIn(source: string): number[] {
  const statuses = new Set<number>();
  for (const line of source.match(STATUS_LINE) ?? []) {
    for (const number of line.match(/\b[23]\d\d\b/g) ?? []) statuses.add(Number(number));
  }
  // A call such as pendingAnswer(id, 200) passes the status on to a statusCode line typed `200 | 202`.
  if (/\bcacheableRead\(/.test(source)) {
    statuses.add(200);
    statuses.add(304);
  }
  return [...statuses].sort();
}

// `if (error instanceof XError) return new HttpProblemError(404, 'X_NOT_FOUND', …)`: a domain error's problem.
const MAPPING =
  /instanceof\s+([A-Za-z0-9_]+)\)\s*\{?\s*return new HttpProblemError\(\s*(\d{3}),\s*'([A-Z][A-Z0-9_]*)'/g;
// A top-level declaration: problems inside it count only where it is called.
const DECLARATION = /^export (?:async )?(?:function|const) ([A-Za-z0-9_]+)/gm;

/**
 * The problems reachable from a function's sources, file by file: a domain error's mapped problem counts when
 * some source constructs that error; a problem thrown inside a declared helper counts when some source calls it;
 * the function's own folder counts whole.
 */
export function reachableProblems(sources: ReadonlyMap<string, string>, functionDir: string): ProblemFact[] {
  const texts = new Map([...sources].map(([file, text]) => [file, withoutComments(text)]));
  const everything = [...texts.values()].join('\n');
  const found: ProblemFact[] = [];
  for (const [file, text] of texts) {
    if (file.startsWith(functionDir)) {
      found.push(...problemsIn([text.replace(MAPPING, '')]));
    }
    for (const match of text.matchAll(MAPPING)) {
      if (new RegExp(`new ${match[1]}\\(`).test(everything))
        found.push({ status: Number(match[2]), code: match[3]! });
    }
    if (file.startsWith(functionDir)) continue;
    const rest = text.replace(MAPPING, '');
    const starts = [...rest.matchAll(DECLARATION)];
    found.push(...problemsIn([rest.slice(0, starts[0]?.index ?? rest.length)]));
    const chunks = starts.map((start, i) => ({
      name: start[1]!,
      text: rest.slice(start.index, starts[i + 1]?.index ?? rest.length),
    }));
    const elsewhere = [...texts]
      .filter(([other]) => other !== file)
      .map(([, t]) => t)
      .join('\n');
    const calls = (name: string, text: string) => new RegExp(`\\b${name}\\(`).test(text);
    // Helpers called from other files, then the helpers those call in turn.
    const used = new Set(chunks.filter((c) => calls(c.name, elsewhere)).map((c) => c.name));
    for (let grew = true; grew; ) {
      grew = false;
      for (const chunk of chunks) {
        if (used.has(chunk.name)) continue;
        if (chunks.some((c) => used.has(c.name) && calls(chunk.name, c.text))) {
          used.add(chunk.name);
          grew = true;
        }
      }
    }
    for (const chunk of chunks) if (used.has(chunk.name)) found.push(...problemsIn([chunk.text]));
  }
  const unique = new Map(found.map((p) => [`${p.status} ${p.code}`, p]));
  return [...unique.values()].sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

/**
 * Reads the contract facts of the HTTP function in `functionDir` from its source and the service modules it
 * imports (`serviceSrc`), plus the HTTP kit's own problems (`kitDir`), which every route may answer.
 */
export function handlerFacts(
  root: string,
  functionDir: string,
  serviceSrc: string,
  kitDir: string,
): HandlerFacts {
  const own = functionSources(functionDir, serviceSrc);
  const ownText = [...own.values()].join('\n');
  const handlerText = [...own.entries()]
    .filter(([file]) => file.startsWith(functionDir))
    .map(([, text]) => text)
    .join('\n');
  const kitFiles = readdirSync(kitDir)
    .filter(isSource)
    .map((name) => join(kitDir, name));
  const kitText = kitFiles.map((file) => readFileSync(file, 'utf8'));
  const option = (name: string) =>
    new RegExp(`\\b${name}:\\s*validate([A-Z][A-Za-z0-9]*)`).exec(handlerText)?.[1];
  const body = option('body');
  const bodyOnly = new Set(['INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE']);
  const kitProblems = problemsIn(kitText).filter(
    (problem) => body !== undefined || !bodyOnly.has(problem.code),
  );
  const problems = reachableProblems(own, functionDir);
  const merged = new Map([...kitProblems, ...problems].map((p) => [`${p.status} ${p.code}`, p]));
  return {
    body,
    query: option('query'),
    path: option('path'),
    statuses: statusesIn(handlerText),
    problems: [...merged.values()].sort((a, b) => a.status - b.status || a.code.localeCompare(b.code)),
    reads: {
      idempotencyKey: /'idempotency-key'/.test(ownText),
      ifMatch: /'if-match'/.test(ownText),
      // The handler itself refuses a change without it (428), not merely a module it imports.
      ifMatchRequired: /\brequiredVersion\(|\b428\b/.test(withoutComments(handlerText)),
      ifNoneMatch: /'if-none-match'/.test(ownText),
    },
    sets: {
      etag: /\betag\b|versionTag|expenseHeaders|cacheableRead\(/.test(handlerText),
      location: /\blocation:/.test(handlerText),
      idempotentReplayed: /'idempotent-replayed'/.test(ownText),
      retryAfter: /'retry-after'/.test(ownText),
      cacheControl: /'cache-control'|cacheableRead\(/.test(handlerText),
    },
    files: [...own.keys(), ...kitFiles].map((file) => relative(root, file)).sort(),
  };
}
