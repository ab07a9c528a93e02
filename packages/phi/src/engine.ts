// The engine: runs every recognizer over a line, drops hits below the confidence floor or
// touching an operational token (../operational.ts), and merges overlapping hits (the most
// confident, then the longest, wins; a URL keeps the ids inside it). Presidio's model, in
// one pass per line.
//
// Linear time whatever the input: a line longer than LONG_LINE is judged in windows of
// WINDOW characters, each seen with MARGIN characters of context on both sides, cut at a
// separator where one is near. Every recognizer's context reach (look-behind for context
// words: 40 characters; JSON object scans: 400) fits in the margin, so a window sees what
// the whole line would have shown it, and whatever each pattern costs on a window, the
// line costs windows × that: linear in its length.
import { blankLineEscapes } from './escapes.ts';
import { digitsOutside, operationalSpans, type Span } from './operational.ts';
import { address, city } from './recognizers/address.ts';
import { account } from './recognizers/account.ts';
import { ageOver89 } from './recognizers/age.ts';
import { date, personDate } from './recognizers/date.ts';
import { device } from './recognizers/device.ts';
import { email } from './recognizers/email.ts';
import { healthPlan } from './recognizers/health-plan.ts';
import { ip } from './recognizers/ip.ts';
import { keyed } from './recognizers/keyed.ts';
import { license } from './recognizers/license.ts';
import { mrn } from './recognizers/mrn.ts';
import { name } from './recognizers/name.ts';
import { nameForms } from './recognizers/name-forms.ts';
import { hl7 } from './recognizers/hl7.ts';
import { place } from './recognizers/place.ts';
import { phone } from './recognizers/phone.ts';
import { Sink, touchesSorted, type Recognizer } from './recognizers/shared.ts';
import { ssn } from './recognizers/ssn.ts';
import { url } from './recognizers/url.ts';
import { vehicle } from './recognizers/vehicle.ts';
import type { PhiHit } from './types.ts';
import { isCommonWord, isNotName } from './lexicons/names.ts';

export interface DetectOptions {
  /** Drop hits below this confidence (default 0.5). */
  minConfidence?: number;
}

export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** Every recognizer, in the order ties between equal hits are settled. */
export const RECOGNIZERS: readonly Recognizer[] = [
  email, url, ip, ssn, phone, date, personDate, ageOver89, address, city, place,
  // Identifiers announced by a context word before the account recognizer: "IMEI 3509..." is a
  // device even though its 15 digits pass Luhn like a card.
  mrn, healthPlan, license, vehicle, device, account, keyed, name, nameForms, hl7,
];

/** Operational spans sorted and merged, so one binary search tells whether a hit touches any. */
function mergeSpans(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [{ ...(spans[0] as Span) }];
  for (let i = 1; i < spans.length; i++) {
    const s = spans[i] as Span;
    const last = out[out.length - 1] as Span;
    if (s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Keeps the most confident (then longest) of overlapping hits; returns them in text order. */
function resolveOverlaps(hits: PhiHit[]): PhiHit[] {
  if (hits.length < 2) return hits;
  // A URL holding a patient id, phone or date is one identifier: keep the URL, not its parts.
  const urls = mergeSpans(hits.filter((h) => h.type === 'URL').map((h) => ({ start: h.start, end: h.end })));
  if (urls.length > 0) hits = hits.filter((h) => h.type === 'URL' || !insideSorted(urls, h.start, h.end));
  hits.sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Kept spans, sorted by start and disjoint: one binary search per hit.
  const kept: PhiHit[] = [];
  for (const hit of hits) {
    if (touchesSorted(kept, hit.start, hit.end)) continue;
    kept.splice(insertionPoint(kept, hit.start), 0, hit);
  }
  return kept;
}

function insertionPoint(sorted: readonly Span[], start: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Span).start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether [start, end) lies inside one of the sorted, disjoint spans. */
function insideSorted(sorted: readonly Span[], start: number, end: number): boolean {
  const i = insertionPoint(sorted, start + 1) - 1;
  const s = sorted[i];
  return s !== undefined && s.start <= start && end <= s.end;
}

// Cheap gate: text without a digit, a capital letter, an '@', a URL or a lower-case name's
// context word carries none of the identifiers.
// Text in other scripts (no capitals there) always goes on, as does a user name after its cue
// and a date said in words ("born march third nineteen sixty two").
const MAY_CARRY_PHI = /[\dA-Z@\u0080-\uffff]|:\/\/|www\.|\b(?:patient|pt|this is|name is|i'?m|i am|it'?s|hi|hello|hey|dear|hola|dr|dra|mrs?|ms|mx|prof|sra?|son|daughter|wife|husband|mom|dad)\.?\s|\b(?:user|login|logged in as|signed in as|author|assignee|by|born|birth|january|february|march|april|june|july|august|september|october|november|december)\b|\b(?:agent[._]|client:)/;

/**
 * `text` with every digit inside a long operational span (SIDs, UUIDs, digests, ISO timestamps,
 * app URLs: MASK_MIN_LENGTH or more) turned to 'x', same length and offsets. Short ones (a time
 * of day, a version) stay: a pattern's look-ahead beside them must still see their digits
 * ("Dec  2 14:20:01" is a syslog stamp, not a date followed by a time).
 */
const MASK_MIN_LENGTH = 16;

function maskOperationalDigits(text: string, spans: readonly Span[]): string {
  if (!spans.some((s) => s.end - s.start >= MASK_MIN_LENGTH)) return text;
  // Latin-1 text (nearly every log line) is masked in a byte buffer: a global replace per span
  // paid per digit, and was a twentieth of the detector's time on short lines.
  if (!BEYOND_LATIN1.test(text)) {
    const bytes = Buffer.from(text, 'latin1');
    for (const s of spans) {
      if (s.end - s.start < MASK_MIN_LENGTH) continue;
      for (let i = s.start; i < s.end; i++) {
        const c = bytes[i] as number;
        if (c >= 48 && c <= 57) bytes[i] = 120; // 'x'
      }
    }
    return bytes.toString('latin1');
  }
  const parts: string[] = [];
  let from = 0;
  for (const s of spans) {
    if (s.end - s.start < MASK_MIN_LENGTH) continue;
    parts.push(text.slice(from, s.start), text.slice(s.start, s.end).replace(DIGITS, 'x'));
    from = s.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
const BEYOND_LATIN1 = /[\u0100-\uffff]/;
const DIGITS = /\d/g;

/** Every PHI identifier found in one line (or window) of text. */
function detectLine(original: string, min: number): PhiHit[] {
  const text = blankLineEscapes(original);
  if (!MAY_CARRY_PHI.test(text)) return [];
  const protectedSpans = mergeSpans(operationalSpans(text));
  const sink = new Sink(min, protectedSpans);
  const digits = digitsOutside(text, protectedSpans, 4);
  const masked = protectedSpans.length > 0 ? maskOperationalDigits(text, protectedSpans) : text;
  for (const recognizer of RECOGNIZERS) {
    if (digits < recognizer.minDigits) continue;
    recognizer.detect(recognizer.digitsOutsideOperational ? masked : text, sink);
  }
  return repeatNames(text, resolveOverlaps(sink.hits), protectedSpans);
}

// A name found once names the same person wherever it recurs in the line ("Gabriela: ... Dra.
// Ruiz: ... Gabriela: desde el lunes"), even where no cue stands before it. Ours. Bounded: at
// most REPEAT_WORDS words, each found by indexOf, so a window costs a few scans more.
const REPEAT_WORDS = 8;
const REPEAT_WORD = /^(?:\p{Lu}[\p{Ll}\p{M}'’-]{2,}|[\p{Lo}\p{M}]{2,})$/u;
const LETTER_AT = /[\p{L}\p{M}\p{N}_]/u;

function repeatNames(text: string, hits: PhiHit[], protectedSpans: readonly Span[]): PhiHit[] {
  const words = new Set<string>();
  for (const h of hits) {
    if (h.type !== 'NAME' || words.size >= REPEAT_WORDS) continue;
    for (const w of text.slice(h.start, h.end).split(/[\s^,]+/)) if (REPEAT_WORD.test(w) && !isCommonWord(w) && !isNotName(w) && words.size < REPEAT_WORDS) words.add(w);
  }
  if (words.size === 0) return hits;
  const extra: PhiHit[] = [];
  for (const w of words) {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) {
      const end = at + w.length;
      if (LETTER_AT.test(text[at - 1] ?? '') || LETTER_AT.test(text[end] ?? '')) continue;
      if (touchesSorted(hits, at, end) || touchesSorted(protectedSpans, at, end) || touchesSorted(extra, at, end)) continue;
      extra.splice(insertionPoint(extra, at), 0, { type: 'NAME', start: at, end, confidence: 0.7 });
    }
  }
  if (extra.length === 0) return hits;
  return [...hits, ...extra].sort((a, b) => a.start - b.start);
}

export const LONG_LINE = 16_384;
const WINDOW = 8_192;
const MARGIN = 512;
// How far back from a window's end a separator is looked for before cutting mid-token.
const CUT_SEARCH = 1_024;

/** Where to end the window that would end at `end`: after the last whitespace, else the last JSON/CSV separator. */
function cutPoint(text: string, end: number): number {
  const floor = end - CUT_SEARCH;
  for (let i = end - 1; i > floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) return i + 1;
  }
  for (let i = end - 1; i > floor; i--) {
    const c = text.charCodeAt(i);
    // , ; { } [ ]
    if (c === 44 || c === 59 || c === 123 || c === 125 || c === 91 || c === 93) return i + 1;
  }
  return end;
}

/** A long line, window by window: each hit is owned by the window it starts in. */
function detectLongLine(text: string, min: number): PhiHit[] {
  const out: PhiHit[] = [];
  let lastEnd = 0;
  for (let start = 0; start < text.length; ) {
    const end = start + WINDOW >= text.length ? text.length : cutPoint(text, start + WINDOW);
    const from = Math.max(0, start - MARGIN);
    const hits = detectLine(text.slice(from, Math.min(text.length, end + MARGIN)), min);
    for (const h of hits) {
      const s = h.start + from;
      if (s < start || s >= end || s < lastEnd) continue;
      out.push({ type: h.type, start: s, end: h.end + from, confidence: h.confidence });
      lastEnd = h.end + from;
    }
    start = end;
  }
  return out;
}

function detectOneLine(text: string, min: number): PhiHit[] {
  return text.length > LONG_LINE ? detectLongLine(text, min) : detectLine(text, min);
}

/**
 * Every PHI identifier found in `text`, in text order, non-overlapping. Lines are judged one
 * at a time so no hit spans a line break (redaction then keeps the line structure).
 */
export function detectPhi(text: string, opts: DetectOptions = {}): PhiHit[] {
  const min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!text.includes('\n')) return detectOneLine(text, min);
  const hits: PhiHit[] = [];
  let from = 0;
  while (from <= text.length) {
    let nl = text.indexOf('\n', from);
    if (nl < 0) nl = text.length;
    for (const h of detectOneLine(text.slice(from, nl), min)) {
      hits.push({ type: h.type, start: h.start + from, end: h.end + from, confidence: h.confidence });
    }
    from = nl + 1;
  }
  return hits;
}
