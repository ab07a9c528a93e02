// AGE (Safe Harbor 3): ages over 89 ("age 93", "93 y/o", "93-year-old", "she is 93", "mi
// abuela tiene 96 años", "95歳", "(mother, 94)", "ninety-four"); younger ages are not
// identifiers. 130 bounds typos and ids.
//
// The cues are ours, from how people state an age in the languages support text here is
// most often in: a unit after the number (years, años, ans, anni, Jahre, lat, let, tuổi,
// 歳/岁/세, года/лет, saal, jir, taong gulang) or a verb/word before it (is, turns, aged,
// tiene, tem, má, umar, العمر). A number of 90-130 with neither is a count, a price or a
// duration and stays.
import { groupSpan, matches, type Recognizer, type Sink } from './shared.ts';

// Not "aged 90 days" (receivables ageing) nor "age: 100%".
const NOT_AN_AGE_AFTER = String.raw`(?![\w%+]|\s*years?\b(?![\s-]*(?:old|young|of\s+age))|[.,]\d|\s*(?:and\s+(?:over|older|up)|or\s+(?:over|older)|%|\$|€|days?\b|d\b|hrs?\b|hours?\b|min|ms\b|s\b|sec|weeks?\b|months?\b|mg\b|ml\b|kg\b|lbs?\b|bpm\b|percent|calls?\b|times\b|mmhg\b|°))`;
const AGE_WORD_BEFORE = String.raw`(?<![\p{L}_])(?:age|aged|ages|edad|umar|idade|âge|alter|lat|wiek|da'da|العمر|उम्र)\s*(?:is\s+|of\s+)?[:=]?\s*`;
// The number then a unit that says it is an age ("93 y/o", "96 años", "95歳", "90 let").
const AGE_UNIT_AFTER = new RegExp(
  String.raw`(?<![\w.$#/:-])(\d{2,3})(?:\s*(?:y\/o|y\.o\.?|yo\b|yrs?\b(?:\s*old)?|years?[\s-]*(?:old|young|of\s+age)|-?years?-old|-?year-old|años|anos|ans\b|anni\b|jahre|jährig|lat[ay]?\b|let\b|roků|tuổi|taong\s+gulang|saal|sal\b|jir\b|года?(?![\p{L}])|лет(?![\p{L}])|год(?![\p{L}])|歳|岁|세|سنة|वर्ष)|\s+na\s+po\b)`,
  'giu',
);
// A word before the number that states a person's age: "she is 93", "turns 103", "who's 92",
// "tiene 90", "má 90", "mne 91" ... then the number standing alone (no unit of something else).
const AGE_VERB_BEFORE = String.raw`(?:(?<![\p{L}])(?:is|was|turns|turned|turning|turn|be|being|now|'s|’s|tiene|tenía|tem|tinha|má|ma|a|hat|ist|est|è|ha|мне|ему|ей|бабушке|дедушке|маме)|\bhe'?s|\bshe'?s|\bwho'?s|\bi'?m)\s+(?:now\s+|exactly\s+|almost\s+|nearly\s+|about\s+|already\s+)?`;

// The two patterns above (a word, then the number) are tried only where a number of 90-139
// stands: the number is the match's only digits, so each match holds the first digit run after
// its word, and a match of a younger age cannot hide an older one. Scanned whole, with their
// look-behinds and alternations tried at every position, they were the detector's slowest
// patterns on long lines (their word found behind the number by a sticky look-behind instead).
// A candidate: a whole run of two or three digits (0-padded too: "090" is 90).
const AGE_CANDIDATE = /(?:^|\D)(0?9\d|1[0-3]\d)(?!\d)/g;
const AGE_WORD_BEFORE_AT = new RegExp(`(?<=${AGE_WORD_BEFORE})(\\d{2,3})${NOT_AN_AGE_AFTER}`, 'iuy');
const AGE_VERB_BEFORE_AT = new RegExp(`(?<=${AGE_VERB_BEFORE})(\\d{2,3})${NOT_AN_AGE_AFTER}`, 'iuy');

/** Spans of the over-89 ages `sticky` reads at each candidate number, in text order. */
function agesAt(sticky: RegExp, candidates: readonly number[], text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const at of candidates) {
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (m && over89(Number(m[1]))) out.push([at, at + (m[1] as string).length]);
  }
  return out;
}
// "(mother, 94)", "Edna Pruitt (96)", "(96F)", "pt Evangeline Moss, 104, comfort care": a bare number (a sex letter may follow) in
// parentheses or between commas right after a person's name or relation word.
const AGE_AFTER_PERSON = new RegExp(
  String.raw`(?:\b(?:mother|father|mom|mum|dad|grandma|grandmother|grandpa|grandfather|wife|husband|patient|pt|aunt|uncle|widow|widower|son|daughter)|[A-Z][a-zà-ÿ\u0100-\u017f]+|(?:19|18)\d\d)(?:,\s*|\s*\()(\d{2,3})(?=[MF]?\s*[),;]|\.?\s*$|\.\s|\s+(?:last|this|next)\s+(?:week|month|year))`,
  'g',
);
// A birth year then the age it gives, as CSV rows and forms write it: "5/14/1931,95".
const AGE_AFTER_BIRTH_YEAR = /((?:18|19|20)\d{2})"?\s*[,;|]\s*"?(\d{2,3})(?=["\s]*(?:[,;|]|$))/g;
const SPELLED =
  /\b(?:ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one\s+hundred(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)\b(?=[\s-]*(?:years?|yrs?|y\/o|and\b|now|,|\.|$))/gi;
const SPELLED_GATE = /ninety|hundred/i;
const SPELLED_CONTEXT = /\b(?:is|turns?|turned|turning|he'?s|she'?s|i'?m|aged?|was|be)\s*$/i;

const THIS_YEAR = new Date().getUTCFullYear();

function over89(n: number): boolean {
  return n >= 90 && n <= 130;
}

// Every digit pattern above captures the age as a number standing alone (never after a letter,
// digit or dot, but "age93"); a line without one of 90-139 holds no age they could report, and
// skipping them there is most of this recognizer's time on log text (their leading
// alternations are tried at every position; hex ids and milliseconds hold such digits).
const AGE_NUMBER_GATE = /(?<![\dA-Za-z.])(?:9\d|1[0-3]\d)(?!\d)|age(?:d)?(?:9\d|1[0-3]\d)(?!\d)/i;

function detectAges(text: string, sink: Sink): void {
  if (AGE_NUMBER_GATE.test(text)) detectDigitAges(text, sink);
  if (SPELLED_GATE.test(text)) {
    for (const m of matches(SPELLED, text)) {
      if (SPELLED_CONTEXT.test(text.slice(Math.max(0, m.index - 12), m.index)) || /^[\s-]*(?:years?|yrs?|y\/o)/i.test(text.slice(m.index + m[0].length))) {
        sink.push('AGE', m.index, m.index + m[0].length, 0.85);
      }
    }
  }
}

function detectDigitAges(text: string, sink: Sink): void {
  const candidates: number[] = [];
  for (const m of matches(AGE_CANDIDATE, text)) candidates.push(m.index + m[0].length - (m[1] as string).length);
  for (const [start, end] of agesAt(AGE_WORD_BEFORE_AT, candidates, text)) sink.push('AGE', start, end, 0.9);
  for (const m of matches(AGE_UNIT_AFTER, text)) {
    // The number only ("93-year-old" -> "<AGE>-year-old"): the unit says nothing more once the
    // number is gone, and both blind sets of 2026-12 label the number alone.
    if (over89(Number(m[1]))) sink.push('AGE', m.index, m.index + (m[1] as string).length, 0.9);
  }
  for (const [start, end] of agesAt(AGE_VERB_BEFORE_AT, candidates, text)) sink.push('AGE', start, end, 0.9);
  for (const m of matches(AGE_AFTER_PERSON, text)) {
    if (!over89(Number(m[1]))) continue;
    const [start, end] = groupSpan(m);
    sink.push('AGE', start, end, 0.9);
  }
  if (text.includes(',') || text.includes(';') || text.includes('|')) {
    for (const m of matches(AGE_AFTER_BIRTH_YEAR, text)) {
      const age = Number(m[2]);
      const implied = THIS_YEAR - Number(m[1]);
      if (!over89(age) || Math.abs(implied - age) > 1) continue;
      const start = m.index + m[0].length - (m[2] as string).length;
      sink.push('AGE', start, start + (m[2] as string).length, 0.85);
    }
  }
}

// Not digit-gated: "ninety-four" has none.
export const ageOver89: Recognizer = { name: 'age', types: ['AGE'], minDigits: 0, detect: detectAges };
