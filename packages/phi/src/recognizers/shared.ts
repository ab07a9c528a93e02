// What every recognizer shares: the sink its hits go to, and small text helpers. A recognizer
// (one file per identifier type in this folder) finds candidates with its patterns, checks
// them with its validator and context words, and pushes each with a confidence (0..1); the
// engine (../engine.ts) drops weak hits and those touching operational tokens, then merges.
import type { Span } from '../operational.ts';
import type { PhiHit, PhiType } from '../types.ts';

/** Where hits go: weak ones and any touching an operational token are dropped on the way in. */
export class Sink {
  readonly hits: PhiHit[] = [];
  constructor(
    private readonly min: number,
    /** Sorted by start, non-overlapping (see `mergeSpans`). */
    private readonly protectedSpans: readonly Span[],
  ) {}

  /** `overridesOperational`: a person's context (a `dob` key) beats the timestamp exemption. */
  push(type: PhiType, start: number, end: number, confidence: number, overridesOperational = false): void {
    if (end <= start || confidence < this.min) return;
    if (!overridesOperational && touchesSorted(this.protectedSpans, start, end)) return;
    this.hits.push({ type, start, end, confidence });
  }
}

/** Whether [start, end) overlaps one of `sorted` (sorted, disjoint spans): binary search, O(log n). */
export function touchesSorted(sorted: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  // First span whose end is after `start`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Span).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const s = sorted[lo];
  return s !== undefined && s.start < end;
}

/**
 * One identifier type (or a few that share one scan). `minDigits`: every hit holds at least
 * this many digits outside operational spans, so the engine skips the recognizer on text
 * with fewer (exact, not a heuristic).
 */
export interface Recognizer {
  name: string;
  types: readonly PhiType[];
  minDigits: 0 | 1 | 4;
  /**
   * Every hit holds a digit (or is dropped when it touches an operational token): the engine
   * may hand it the line with the digits inside operational tokens (SIDs, UUIDs, digests,
   * timestamps) turned to 'x', so its digit patterns do not try every position of them.
   */
  digitsOutsideOperational?: true;
  detect(text: string, sink: Sink): void;
}

/** Lower-cased text just before `start`, for context words. */
export function before(text: string, start: number, width: number): string {
  return text.slice(Math.max(0, start - width), start).toLowerCase();
}

const NO_MATCHES: readonly RegExpExecArray[] = Object.freeze([]);

/**
 * Every match of global `re` in `text`, in order. Collected at once rather than yielded (a
 * generator per pattern per line cost more, and most lines match nothing: one shared empty
 * array); no caller moves `re.lastIndex` while it iterates (context-id.ts, which does, has its
 * own loop).
 */
export function matches(re: RegExp, text: string): readonly RegExpExecArray[] {
  re.lastIndex = 0;
  let m = re.exec(text);
  if (m === null) return NO_MATCHES;
  const out: RegExpExecArray[] = [];
  do {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  } while ((m = re.exec(text)) !== null);
  return out;
}

/** Start and end of capture group 1 inside match `m` (the value after a context word). */
export function groupSpan(m: RegExpExecArray): [number, number] {
  const value = m[1] as string;
  const start = m.index + m[0].length - value.length;
  return [start, start + value.length];
}

/** Capture group 1 of every match of global `re` in `text`, each pushed as a `type` hit. */
export function pushEveryGroup(sink: Sink, type: PhiType, re: RegExp, text: string, confidence: number, overridesOperational = false): void {
  for (const m of matches(re, text)) {
    const [start, end] = groupSpan(m);
    sink.push(type, start, end, confidence, overridesOperational);
  }
}

export const HAS_DIGIT = /\d/;

// Letters beyond ASCII: García, Lefèvre, João, Yılmaz are names too. Latin-1 and Latin
// Extended-A spelled out (Extended-A mixes cases) because \p{Lu} classes are several times
// slower in V8 and these patterns run on every line.
// Latin Extended-B and Extended Additional too (Vietnamese "Nguyễn", "Đỗ", Romanian "Ș").
export const UP = 'A-ZÀ-ÖØ-Þ\\u0100-\\u024F\\u1E00-\\u1EFF';
export const LO = 'a-zß-öø-ÿ\\u0100-\\u024F\\u1E00-\\u1EFF';
