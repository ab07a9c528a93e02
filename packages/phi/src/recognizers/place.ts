// ADDRESS and ZIP by the city lexicon (../lexicons/places.ts), where no street line stands
// before them: a postcode beside a known city ("Lima 15074", "Kuala Lumpur 50450", "Madrid
// (28028)", "20095 Hamburg"), a known city after a word that places a person there ("I live in
// Wellington", "calling from Dakar"), and GPS coordinates ("40.74182, -73.98993"), which locate a
// person more finely than any street line. Ours; the city names are the lexicon's.
import { isCommonWord, isNotName, isPlaceName } from '../lexicons/names.ts';
import { isCity } from '../lexicons/places.ts';
import { matches, type Recognizer, type Sink } from './shared.ts';

const CITY_WORDS = String.raw`\p{Lu}[\p{L}\p{M}.'’-]+(?:[ -](?:(?:de|del|da|do|di|la|le|am|an|sur|upon|on)[ -])?\p{Lu}[\p{L}\p{M}.'’-]+){0,2}`;
const POSTCODE = String.raw`\d{5}-\d{3,4}|\d{3}-\d{4}|\d{4}-\d{3}|\d{2}-\d{3}|\d{3} \d{2}(?!\d)|\d{4} ?[A-Z]{2}(?![\p{L}])|\d{4,6}`;
const CITY_THEN_CODE = new RegExp(String.raw`(?<![\p{L}\p{M}])(${CITY_WORDS}),?[ \t]{1,2}\(?(${POSTCODE})\)?(?![\p{L}\p{N}-]|[.,:/]\d)`, 'gu');
const CODE_THEN_CITY = new RegExp(String.raw`(?<![\p{L}\p{N}.,/:+#$-])(\d{4,5})[ \t]{1,2}(${CITY_WORDS})(?![\p{L}\p{M}])`, 'gu');
const PLACING_WORD = /(?:\b(?:live|lives|living|lived|reside|resides|residing|moved|moving|from|staying|based|visiting)\s+(?:in|at|to|from)?\s*|\bfrom\s+)$/i;
const CITY_AFTER_WORD = new RegExp(String.raw`(?<![\p{L}\p{M}])(${CITY_WORDS})(?![\p{L}\p{M}])`, 'gu');
const PLACE_GATE = /\b(?:live|lives|living|lived|reside|resid|moved|moving|from|staying|based|visiting|in)\s+\p{Lu}/u;
// Decimal degrees with at least four decimals (about 10 m), latitude then longitude.
const GPS = /(?<![\w.-])-?(?:[1-8]?\d|90)\.\d{4,8},\s?-?(?:1[0-7]\d|\d{1,2}|180)\.\d{4,8}(?![\w.])/g;
const YEAR = /^(?:19|20)\d{2}$/;

/** The known city at the end of `words` ("Patient lives in Kuala Lumpur" -> "Kuala Lumpur"), as [offset, length]. */
function cityAtEnd(words: string): [number, number] | undefined {
  const parts = words.split(/(?=[ -])/);
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('').replace(/^[ -]/, '');
    if (!isCity(candidate)) continue;
    const single = !/[ -]/.test(candidate);
    // A one-word city that is also a common word or read as a name ("Bath", "Reading", "Florence") needs more than the lexicon.
    if (single && (isCommonWord(candidate) || (isNotName(candidate) && !isPlaceName(candidate)))) return undefined;
    return [words.length - candidate.length, candidate.length];
  }
  return undefined;
}

function cityAtStart(words: string): number {
  const parts = words.split(/(?=[ -])/);
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('');
    if (isCity(candidate) && (/[ -]/.test(candidate) || !isCommonWord(candidate))) return candidate.length;
  }
  return 0;
}

function detectPlaces(text: string, sink: Sink): void {
  if (/\d{4}|\d{2}-\d{3}|\d{3} \d{2}/.test(text)) {
    for (const m of matches(CITY_THEN_CODE, text)) {
      const code = m[2] as string;
      if (YEAR.test(code)) continue;
      const city = cityAtEnd(m[1] as string);
      if (!city) continue;
      const cityStart = m.index + city[0];
      sink.push('ADDRESS', cityStart, cityStart + city[1], 0.75);
      const codeStart = m.index + m[0].lastIndexOf(code);
      sink.push('ZIP', codeStart, codeStart + code.length, 0.8);
    }
    for (const m of matches(CODE_THEN_CITY, text)) {
      const code = m[1] as string;
      if (YEAR.test(code)) continue;
      const length = cityAtStart(m[2] as string);
      if (length === 0) continue;
      const cityStart = m.index + m[0].length - (m[2] as string).length;
      sink.push('ZIP', m.index, m.index + code.length, 0.8);
      sink.push('ADDRESS', cityStart, cityStart + length, 0.75);
    }
  }
  if (PLACE_GATE.test(text)) {
    for (const m of matches(CITY_AFTER_WORD, text)) {
      if (!PLACING_WORD.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
      const length = cityAtStart(m[1] as string);
      if (length === 0) continue;
      const word = (m[1] as string).slice(0, length);
      if (!/[ -]/.test(word) && (isCommonWord(word) || (isNotName(word) && !isPlaceName(word)))) continue;
      sink.push('ADDRESS', m.index, m.index + length, 0.7);
    }
  }
  if (text.includes('.')) {
    for (const m of matches(GPS, text)) sink.push('ADDRESS', m.index, m.index + m[0].length, 0.85);
  }
}

export const place: Recognizer = { name: 'place', types: ['ADDRESS', 'ZIP'], minDigits: 0, detect: detectPlaces };
