// DATE (Safe Harbor 3): every date element but the year, when it is a person's: slash, ISO,
// dotted and month-name dates. A context word (DOB, born, admitted, visit, ...) raises the
// confidence; bare ISO dates need one (logs print build and API dates); a month and day
// without a year only right after a birth/admission/discharge/death word or tied to an event.
// A timestamp after a birth/admission word is a person's date and beats the operational
// timestamp exemption; a birth year alone only when it tells an age over 89.
import { before, groupSpan, matches, pushEveryGroup, type Recognizer, type Sink } from './shared.ts';

const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const DATE_SLASH = /(?<![\w/.-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)/g;
// European dotted 14.03.1962 (four-digit year) and year-first 1962/03/14 or 1962.03.14. One
// scan, and only on lines with four digits then '.' or '/', or '.19xx'/'.20xx' (few log lines).
const DATE_DOTTED_OR_YMD =
  /(?<![\w/.-])(?:(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})|((?:19|20)\d{2})([/.])(\d{1,2})\5(\d{1,2}))(?![\w/-]|\.\d)/g;

const isDigitAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** A '.' or '/' with four digits before it or "19"/"20" after it; by hand, as a regex gate cost more than the scan it saves. */
function mayHoldDottedOrYmd(text: string): boolean {
  for (const sep of ['.', '/']) {
    for (let i = text.indexOf(sep, 4); i >= 0; i = text.indexOf(sep, i + 1)) {
      if (isDigitAt(text, i - 1) && isDigitAt(text, i - 2) && isDigitAt(text, i - 3) && isDigitAt(text, i - 4)) return true;
      if (sep === '.' && (text.startsWith('19', i + 1) || text.startsWith('20', i + 1))) return true;
    }
  }
  return false;
}
// Month and day without a year ("DOB 3/14", "born March 3"): still a date element under Safe
// Harbor, but only read as one right after a birth, admission, discharge or death word.
const DATE_MONTH_DAY = /(?<![\w/.-])(\d{1,2})\/(\d{1,2})(?![\w/-]|\.\d)/g;
const NOT_A_DAY = new Set(['24/7', '50/50', '20/20', '1/2', '1/3', '2/3', '1/4', '3/4', '1/8', '9/10', '10/10']);
const FRACTION_AFTER = /^\s*(?:of|cups?|tabs?|tablets?|doses?|miles?|inch(?:es)?|hours?|hrs?|pills?|mg|ml|dl|mmhg|scale|pain|stars?|rating|pods?|replicas?|instances?|nodes?|tests?|checks?|passed|items?|done|complete|ok)\b/i;
// Card expiry (MM/YY) and scores ("pain 7/10") are no date of a person.
const NOT_A_DAY_BEFORE = /\b(?:exp(?:iry|ires|iration)?|valid(?:\s+thru)?|good\s+thru|pain|score|rated|rating)\b[\s:=."'-]*$|\d{13,19}\s*[,;|]\s*$/i;
// European day and month with their dots, no year ("15.07.", "am 6.02."): a date element.
const DAY_MONTH_DOTTED = /(?<![\w.,])(\d{1,2})\.\s?(\d{1,2})\.(?![\d.]|\s?\d{4})/g;
const BIRTH_CONTEXT = /\b(?:dob|d\.o\.b|born|birth|birthday|birthdate|admit|admitted|admission|discharge|discharged|died|death|deceased)\b/;
const DATE_ISO = /(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/:-]|\.\d)/g;
const DATE_WORDS = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4})\\b`,
  'g',
);
// "the 3rd of May 1950", "5-May-1944", "05 MAY 21" (Presidio's dd-MMM-yyyy): a day with a month name.
const DATE_ORDINAL_OF = new RegExp(`\\b(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)\\s+of\\s+(?:${MONTHS})\\b(?:,?\\s+\\d{4}\\b)?`, 'gi');
const DATE_DAY_MON_YEAR = new RegExp(`\\b\\d{1,2}[-/ ](?:${MONTHS})\\.?[-/ ]\\d{2}(?:\\d{2})?\\b`, 'gi');
// Month names of the languages support text here is most often in besides English ("el 14 de
// marzo", "le 14 mars 2024", "am 14. März"): a day with its month is a date element, year or not.
const FOREIGN_MONTHS =
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|' +
  'janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|' +
  'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|décembre|' +
  'januar|jänner|februar|märz|april|juni|juli|oktober|dezember|' +
  'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|' +
  // Polish, Czech and Russian genitives, Tagalog ("5 grudnia", "12. prosince", "9 декабря", "Disyembre 9").
  'stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|' +
  'ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince|' +
  'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|' +
  'pebrero|marso|hunyo|hulyo|setyembre|oktubre|nobyembre|disyembre|' +
  // French and Italian novembre; Dutch and Scandinavian; Turkish; Greek genitives; Hindi.
  'novembre|januari|februari|maart|mei|augustus|augusti|oktober|november|december|maj|' +
  'ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|' +
  'ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|οκτωβρίου|νοεμβρίου|δεκεμβρίου|' +
  'जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर|' +
  // Arabic (Egypt/Gulf and Levant names).
  'يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول';
// Month then day in Tagalog/Spanish-style prose ("Nobyembre 29"), and CJK/Korean/Vietnamese forms
// ("12月9日", "2026年11月30日", "12월 9일", "ngày 9 tháng 12").
const FOREIGN_MONTH_FIRST = /(?<![\p{L}])(?:enero|pebrero|marso|abril|mayo|hunyo|hulyo|agosto|setyembre|oktubre|nobyembre|disyembre)\s+\d{1,2}(?!\d)/giu;
const CJK_DATE = /(?:\d{4}\s*[年년]\s*)?\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]|(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?/gu;
const MONTH_FIRST_GATE = /enero|pebrero|marso|abril|mayo|hunyo|hulyo|agosto|setyembre|oktubre|nobyembre|disyembre/i;
const CJK_GATE = /[月월]|tháng/;
const DATE_FOREIGN = new RegExp(`(?<![\\w.])\\d{1,2}(?:\\.|º|°|er)?\\s+(?:de\\s+)?(?:${FOREIGN_MONTHS})(?![\\p{L}])(?:,?\\s+(?:de\\s+)?\\d{4}\\b)?`, 'giu');
// A day (one or two digits, optionally an ordinal, "." or "º") then, after a space or dash, a letter.
const DAY_THEN_WORD = /(?<!\d)\d{1,2}(?:st|nd|rd|th|\.|º|°|er)?[-/ ]\s*(?:de\s+)?\p{L}/u;
// "on the 22nd": a day of the month, and in chat it is the appointment's.
// "on the 22nd", "Tuesday the 9th", "until the 20th", "on 13th", "Friday 12th": a day of the month,
// and in chat it is the appointment's. Not "the 2nd floor", "the 3rd time", "the 5th percentile".
const ON_THE_DAY =
  /\b(?:the|on|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?)\s+(\d{1,2}(?:st|nd|rd|th))\b(?!\s+(?:floor|time|times|grade|percentile|place|edition|ave|avenue|st|street|dose|round|one|attempt|try|visit|cycle|line|level|century|birthday|anniversary|child|kid|baby|trimester|week|month|year)\b)/gi;
const ORDINAL_GATE = /\d(?:st|nd|rd|th)\b/i;
// Words that tie a date to a person: birth, admission, discharge, death, service, visit.
const DATE_CONTEXT =
  /\b(?:dob|d\.o\.b|born|birth|birthday|birthdate|b-day|admit|admitted|admission|discharge|discharged|died|death|deceased|expired|dos|service|visit|seen|appointment|appt|scheduled|surgery|procedure|treated|injury|onset|reminder|biopsy|results|cita|consulta|date|day|implant|implanted|lab|labs|draw|drawn|booked|book|vaccine|vaccinated|vaccination|immunized|immunised|administered)\b/;
// A date that is a whole cell of a row holding a name cell (patient exports): the row is a person's.
const CSV_DATE = /(?:^|[,;|]\s?)"?(\d{4}-\d{2}-\d{2}|\d{4}\.\d{2}\.\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})"?(?=\s?[,;|]|\s*$)/g;
const CSV_NAME_CELL_NEAR = /(?:^|[,;|:])\s?"?\p{Lu}[\p{Ll}\p{M}]+(?:[ ,-]\s?\p{Lu}[\p{Ll}\p{M}]+)*"?\s?[,;|]/u;
// A calendar date a person keeps: after a weekday ("Friday 3/22", "Tuesday, March 19") or
// before a time of day ("3/14 at 2pm", "Apr 2 at 7:30am"). Appointment dates are PHI.
const WEEKDAY_BEFORE = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+$/;
const TIME_AFTER = /^,?\s+(?:at|@|a las|às)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm|h\b)?/i;

function eventDate(text: string, start: number, end: number): boolean {
  return WEEKDAY_BEFORE.test(before(text, start, 12)) || TIME_AFTER.test(text.slice(end, end + 16));
}

const DATE_WORDS_NO_YEAR = new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?!,?\\s+\\d)`, 'g');
// A month name and a day, in either order, are a date element wherever they stand ("Aug 28",
// "dec 15", "23 August", "the 1st of June"); ours: month names do not name anything else
// followed by a day, "May" excepted (a verb), which only counts capitalised.
const MONTH_DAY_ANY = new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?![\\d:.,]\\d|\\s*(?:am|pm|%|mg|ml)\\b|,?\\s+\\d(?!\\d?:\\d{2}(?!:\\d)))\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b(?!,?\\s+\\d)`, 'gi');
const MONTH_WORD_GATE = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

function validDayMonth(a: number, b: number): boolean {
  // US month/day first, but day/month when the first part cannot be a month.
  return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
}

function dateContext(text: string, start: number): boolean {
  return DATE_CONTEXT.test(before(text, start, 40));
}

// A timestamp right after a birth, admission, discharge or death word is that person's date:
// it beats the operational-timestamp exemption ("admitted at 2024-01-05T10:00:00Z").
const PERSON_EVENT_GATE = /dob|birth|born|admi|discharg|died|death|deceased/i;
const PERSON_TIMESTAMP =
  /\b(?:dob|d\.o\.b\.?|born(?:\s+on)?|birth\s*date|date\s+of\s+birth|birthday|admitted(?:\s+(?:at|on))?|admission(?:\s+(?:date|time))?|admit(?:\s+(?:date|time))?|discharged(?:\s+(?:at|on))?|discharge(?:\s+(?:date|time))?|died(?:\s+(?:at|on))?|deceased|date\s+of\s+death)["']?\s*[:=-]?\s*["']?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)/gi;
// A birth year alone is no identifier, except when it tells an age over 89 (Safe Harbor
// aggregates those): "born 1931", "year of birth: 1930".
const BIRTH_YEAR = /\b(?:born(?:\s+in)?|birth\s*year|year\s+of\s+birth|yob|dob)["']?\s*[:=]?\s*["']?((?:18|19|20)\d{2})(?![\w/.-])/gi;
const OLDEST_UNLISTED_BIRTH_YEAR = new Date().getUTCFullYear() - 90;

function detectPersonDates(text: string, sink: Sink): void {
  detectSpokenDates(text, sink);
  if (!PERSON_EVENT_GATE.test(text)) return;
  pushEveryGroup(sink, 'DATE', PERSON_TIMESTAMP, text, 0.92, true);
  for (const m of matches(BIRTH_YEAR, text)) {
    if (Number(m[1]) > OLDEST_UNLISTED_BIRTH_YEAR) continue;
    const [start, end] = groupSpan(m);
    sink.push('DATE', start, end, 0.85);
  }
}

function detectCsvDates(text: string, sink: Sink): void {
  if (text.length > 2000 || !CSV_NAME_CELL_NEAR.test(text)) return;
  pushEveryGroup(sink, 'DATE', CSV_DATE, text, 0.7);
}

// Dates people say aloud, as voicemail transcripts write them: "march third nineteen sixty two",
// "the fourth of January, nineteen fifty-two". Ours: month names, ordinal words 1-31, and a year
// read as two numbers (nineteen/twenty, then a tens word and its unit).
const ORDINAL_WORDS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[\\s-]first';
const SPOKEN_YEAR = '(?:,?\\s+(?:nineteen|twenty|two\\s+thousand)(?:[\\s-](?:and\\s+)?(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:oh|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine))?)?';
const MONTH_NAMES_FULL = 'january|february|march|april|may|june|july|august|september|october|november|december';
const SPOKEN_DATE = new RegExp(
  `\\b(?:(?:${MONTH_NAMES_FULL})\\s+(?:the\\s+)?(?:${ORDINAL_WORDS})|(?:the\\s+)?(?:${ORDINAL_WORDS})\\s+of\\s+(?:${MONTH_NAMES_FULL}))\\b${SPOKEN_YEAR}`,
  'gi',
);
const SPOKEN_GATE = /(?:first|second|third|th)\b/i;
// "04JAN1952", "4-JAN-52" without separators as charts print them; "16. 12. 2026" with spaces after the dots.
const DATE_COMPACT = /\b\d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:19|20)?\d{2}\b/g;
const DATE_SPACED_DOTS = /(?<![\w.])(\d{1,2})\.\s(\d{1,2})\.\s((?:19|20)\d{2})(?![\w])/g;
// "jan 9 2001" typed in lower case, the year included.
const DATE_WORDS_LOWER = new RegExp(`\\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}\\b`, 'g');

// Spoken dates hold no digit: they run with the person dates, which the engine does not digit-gate.
function detectSpokenDates(text: string, sink: Sink): void {
  if (SPOKEN_GATE.test(text) && MONTH_WORD_GATE.test(text)) {
    for (const m of matches(SPOKEN_DATE, text)) sink.push('DATE', m.index, m.index + m[0].length, 0.8);
  }
}

function detectCompactDates(text: string, sink: Sink): void {
  if (/\d[A-Z]{3}\d/.test(text)) {
    for (const m of matches(DATE_COMPACT, text)) sink.push('DATE', m.index, m.index + m[0].length, dateContext(text, m.index) ? 0.92 : 0.7);
  }
  if (text.includes('. ')) {
    for (const m of matches(DATE_SPACED_DOTS, text)) {
      if (validDayMonth(Number(m[1]), Number(m[2]))) sink.push('DATE', m.index, m.index + m[0].length, 0.75);
    }
  }
  for (const m of matches(DATE_WORDS_LOWER, text)) sink.push('DATE', m.index, m.index + m[0].length, 0.8);
}

function detectDates(text: string, sink: Sink): void {
  detectCompactDates(text, sink);
  if (text.includes(',') || text.includes(';') || text.includes('|')) detectCsvDates(text, sink);
  for (const m of matches(DATE_SLASH, text)) {
    if (!validDayMonth(Number(m[1]), Number(m[3]))) continue;
    // A dash form with a two-digit year (12-05-24) reads as a code unless a context word says otherwise.
    const weak = m[2] === '-' && (m[4] as string).length === 2;
    const ctx = dateContext(text, m.index);
    if (weak && !ctx) continue;
    sink.push('DATE', m.index, m.index + m[0].length, ctx ? 0.95 : 0.6);
  }
  if (text.includes('.')) {
    for (const m of matches(DAY_MONTH_DOTTED, text)) {
      const d = Number(m[1]);
      const mo = Number(m[2]);
      if (d >= 1 && d <= 31 && mo >= 1 && mo <= 12) sink.push('DATE', m.index, m.index + m[0].length, 0.7);
    }
  }
  if (mayHoldDottedOrYmd(text)) {
    for (const m of matches(DATE_DOTTED_OR_YMD, text)) {
      const end = m.index + m[0].length;
      if (m[1] !== undefined) {
        if (validDayMonth(Number(m[1]), Number(m[2]))) sink.push('DATE', m.index, end, dateContext(text, m.index) ? 0.95 : 0.6);
      } else if (Number(m[6]) <= 12 && validDayMonth(Number(m[6]), Number(m[7]))) {
        // Like ISO dates: "2024/03/14 17:02:11" opens nginx error lines; context decides.
        if (dateContext(text, m.index)) sink.push('DATE', m.index, end, 0.92);
      }
    }
  }
  for (const m of matches(DATE_ISO, text)) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) continue;
    // A bare ISO date in a log is usually a build or API date; only context makes it a person's.
    if (dateContext(text, m.index)) sink.push('DATE', m.index, m.index + m[0].length, 0.92);
  }
  // Each pattern needs a day followed by a word; lines without one ("12 items" has one) skip them all.
  if (DAY_THEN_WORD.test(text)) {
    for (const re of [DATE_ORDINAL_OF, DATE_DAY_MON_YEAR]) {
      for (const m of matches(re, text)) sink.push('DATE', m.index, m.index + m[0].length, dateContext(text, m.index) ? 0.95 : 0.8);
    }
    // DATE_FOREIGN starts with a digit, so V8 scans for digits first: cheaper than any gate over 150 month names.
    for (const m of matches(DATE_FOREIGN, text)) sink.push('DATE', m.index, m.index + m[0].length, 0.85);
  }
  if (MONTH_FIRST_GATE.test(text)) {
    for (const m of matches(FOREIGN_MONTH_FIRST, text)) sink.push('DATE', m.index, m.index + m[0].length, 0.8);
  }
  if (CJK_GATE.test(text)) {
    for (const m of matches(CJK_DATE, text)) sink.push('DATE', m.index, m.index + m[0].length, 0.85);
  }
  if (ORDINAL_GATE.test(text)) {
    for (const m of matches(ON_THE_DAY, text)) {
      if (Number(/\d+/.exec(m[1] as string)?.[0]) > 31) continue;
      // "the 10th" as a whole (both 2026-12 sets label the article with the day); a weekday stays.
      const [start0, end] = groupSpan(m);
      const the = text.lastIndexOf('the ', start0);
      const start = the >= 0 && the >= m.index && the + 4 === start0 ? the : start0;
      sink.push('DATE', start, end, 0.8);
    }
  }
  if (/[A-Z][a-z]/.test(text)) {
    for (const m of matches(DATE_WORDS, text)) {
      sink.push('DATE', m.index, m.index + m[0].length, dateContext(text, m.index) ? 0.95 : 0.65);
    }
    for (const m of matches(DATE_WORDS_NO_YEAR, text)) {
      const end = m.index + m[0].length;
      if (BIRTH_CONTEXT.test(before(text, m.index, 24)) || dateContext(text, m.index) || eventDate(text, m.index, end)) {
        sink.push('DATE', m.index, end, 0.85);
      }
    }
  }
  if (MONTH_WORD_GATE.test(text)) {
    for (const m of matches(MONTH_DAY_ANY, text)) {
      if (/^may\b/.test(m[0]) || /^\d+\s+may$/.test(m[0])) continue;
      const day = Number(/\d+/.exec(m[0])?.[0]);
      if (day < 1 || day > 31) continue;
      sink.push('DATE', m.index, m.index + m[0].length, 0.75);
    }
  }
  // "12/17", "4/22", "28/10": a month and day, unless a fraction or an idiom (24/7, 50/50).
  for (const m of matches(DATE_MONTH_DAY, text)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const end = m.index + m[0].length;
    if (!validDayMonth(a, b) || NOT_A_DAY.has(m[0]) || FRACTION_AFTER.test(text.slice(end, end + 14))) continue;
    if (NOT_A_DAY_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
    if (/[$#€£]\s*$|\d[\s.]*$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    sink.push('DATE', m.index, end, 0.7);
  }
  for (const m of matches(DATE_MONTH_DAY, text)) {
    if (!validDayMonth(Number(m[1]), Number(m[2]))) continue;
    const end = m.index + m[0].length;
    if (BIRTH_CONTEXT.test(before(text, m.index, 24)) || dateContext(text, m.index) || eventDate(text, m.index, end)) {
      sink.push('DATE', m.index, end, 0.85);
    }
  }
}

export const date: Recognizer = { name: 'date', digitsOutsideOperational: true, types: ['DATE'], minDigits: 1, detect: detectDates };

// Not digit-gated: its timestamps' digits all sit in operational spans.
export const personDate: Recognizer = { name: 'person-date', types: ['DATE'], minDigits: 0, detect: detectPersonDates };
