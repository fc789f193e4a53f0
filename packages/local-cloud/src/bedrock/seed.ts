import { createHash } from 'node:crypto';

/** A seeded pseudo-random generator in [0, 1) (mulberry32): the same seed always gives the same sequence. */
export type Random = () => number;

/** A generator seeded from any JSON value (its SHA-256), plus the hex digest for ids. */
export function seededRandom(value: unknown): { random: Random; digest: string } {
  const digest = createHash('sha256').update(JSON.stringify(value)).digest('hex');
  let state = Number.parseInt(digest.slice(0, 8), 16) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { random, digest };
}

/** Picks one element with the generator. */
export const pick = <T>(items: readonly T[], random: Random): T =>
  items[Math.floor(random() * items.length)]!;

const FIGURE =
  /(?<![\w.,-])(?:[€$£]\s?)?-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:%|EUR|USD|GBP)\b|%)?/g;
const DATE = /\b\d{4}-\d{2}(?:-\d{2})?(?:T[\d:.]+Z?)?\b/g;

/** Figures mentioned in a prompt (amounts, percentages, counts), first occurrences, at most 8. */
export function figuresIn(text: string): string[] {
  const found = (text.replace(DATE, ' ').match(FIGURE) ?? [])
    .map((figure) => figure.trim())
    .filter((f) => /\d/.test(f));
  return [...new Set(found)].slice(0, 8);
}

/** Months and dates mentioned in a prompt (`2025-01`, `2025-01-31`), at most 8. */
export const datesIn = (text: string): string[] => [...new Set(text.match(DATE) ?? [])].slice(0, 8);

const STOP_WORDS = new Set(
  'about above after again against their there these those which while would could should with from this that have your what when where into than then them they were been being over under only also more most such very just like each other some will json please return answer using based'.split(
    ' ',
  ),
);

/** The most frequent content words of a prompt (ties in order of appearance), at most 5. */
export function topicsIn(text: string): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[a-z][a-z-]{4,}/g) ?? []) {
    if (!STOP_WORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([word]) => word);
}

/** Token estimate from text length (~4 characters per token), at least 1. */
export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));
