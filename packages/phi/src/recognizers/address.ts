// ADDRESS and ZIP (Safe Harbor 2: geographic subdivisions smaller than a state): street
// lines (number + name + suffix, units, a following "City, ST"), PO boxes, German-style
// "Hauptstraße 12", a city with its state ("Springfield, IL", "in Dayton, Ohio"), and ZIP
// codes after a state code, a street line or a ZIP word. One file for both because a ZIP is
// judged by the street line before it.
import { isCommonWord, isNotName, isPlaceName } from '../lexicons/names.ts';
import { before, LO, matches, UP, type Recognizer, type Sink } from './shared.ts';

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const STREET_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Row|Alley|Plaza|Broadway';
const STREET = new RegExp(
  `\\b\\d{1,6}(?:-\\d{1,4})?\\s+(?:[NSEW]\\.?\\s+)?(?:(?:[A-Z][A-Za-z'.-]*|\\d+(?:st|nd|rd|th))\\s+){1,4}(?:${STREET_SUFFIX})\\b\\.?` +
    `(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?[A-Za-z0-9-]+)?`,
  'g',
);
// Cheap gate before the street pattern: a street suffix word somewhere in the text.
const STREET_WORD = new RegExp(`\\b(?:${STREET_SUFFIX})\\b`);
// ", Springfield, IL" after a street line: the city is a geographic subdivision too.
const CITY_STATE = new RegExp(`^,?\\s+[A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,2},?\\s+(?:${STATES})\\b`);
const BOX_WORD = /box/i;
const PO_BOX = /\bP\.?\s?O\.?\s+Box\s+\d+\b/gi;
const ZIP = /(?<![\w.-])\d{5}(?:-\d{4})?(?![\w-]|\.\d)/g;
// "IL 60614", "IL, 60614" and CSV "CA,94103".
const STATE_BEFORE = new RegExp(`\\b(?:${STATES})\\.?(?:,\\s{0,3}|\\s{1,3})$`);
// German-style street lines put the number after the name: "Hauptstraße 12".
const STREET_NUMBER_AFTER = /(?<![\p{L}])\p{Lu}\p{Ll}*(?:straße|strasse)\s+\d{1,4}[a-z]?\b/gu;
// A ZIP right after a street line, with or without a city in between ("Apt 4B, 60614").
const ZIP_AFTER_STREET = /^"?[,;]?\s*(?:\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2}[,;]\s*)?(\d{5}(?:-\d{4})?)(?![\w-]|\.\d)/u;
const ZIP_CONTEXT = /\b(?:zip|zipcode|zip code|postal|postcode)\b/;

// A city with its state ("Springfield, IL", "in Dayton, Ohio") is a geographic subdivision
// smaller than a state. Upper-case two-letter codes only, so "us-east-1" and "Region: US" stay.
const STATE_NAMES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico';
const STATE_AFTER_COMMA = new RegExp(`,[ \\t]*(?:(?:${STATES})(?![\\w-])|(?:${STATE_NAMES})\\b)`);
const CITY_THEN_STATE = new RegExp(
  `(?<![${UP}${LO}0-9_.-])((?:St\\.\\s|Ft\\.\\s)?[${UP}][${LO}]+(?:[ -][${UP}][${LO}]+){0,2}),[ \\t]*(?:(${STATES})(?![\\w-])|(${STATE_NAMES})\\b)`,
  'g',
);
// Two-letter codes that are also English words or log abbreviations ("Thanks, OK").
const AMBIGUOUS_STATE_CODES = new Set(['OK', 'IN', 'OR', 'ME', 'HI', 'ID', 'DE', 'PA', 'AL', 'CO', 'LA', 'OH', 'MS', 'MD', 'DC', 'PR', 'MA', 'NE', 'SD']);
const PLACE_BEFORE = /\b(?:in|from|near|to|of|at|lives|living|resides|residing|moved|located|based|city|town|hometown)[\s:]+$/i;

function detectCities(text: string, sink: Sink): void {
  if (!text.includes(',') || !STATE_AFTER_COMMA.test(text)) return;
  for (const m of matches(CITY_THEN_STATE, text)) {
    const city = m[1] as string;
    const place = PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index));
    const firstWord = city.split(/[ -]/)[0] as string;
    const plain = !isCommonWord(firstWord) && !isNotName(firstWord);
    // A state code after a common word ("Thanks, OK", "Status, IN") needs a place word before it.
    const ok = m[2] !== undefined ? place || (!AMBIGUOUS_STATE_CODES.has(m[2]) && (plain || isCommonWord(firstWord) || isPlaceName(firstWord)) && !(isNotName(firstWord) && !isPlaceName(firstWord))) : place;
    // With a place word before it the city outranks a name read of the same word ("from Dayton, Ohio").
    if (ok) sink.push('ADDRESS', m.index, m.index + m[0].length, place ? 0.9 : 0.85);
  }
}

function detectAddresses(text: string, sink: Sink): void {
  const streets = STREET_WORD.test(text) ? matches(STREET, text) : [];
  const streetEnds: number[] = [];
  for (const m of streets) {
    let end = m.index + m[0].length;
    const rest = CITY_STATE.exec(text.slice(end, end + 60));
    if (rest) end += rest[0].length;
    sink.push('ADDRESS', m.index, end, 0.9);
    streetEnds.push(end);
  }
  if (text.includes('stra')) {
    for (const m of matches(STREET_NUMBER_AFTER, text)) {
      sink.push('ADDRESS', m.index, m.index + m[0].length, 0.85);
      streetEnds.push(m.index + m[0].length);
    }
  }
  for (const end of streetEnds) {
    const z = ZIP_AFTER_STREET.exec(text.slice(end, end + 48));
    if (z) {
      const start = end + z[0].length - (z[1] as string).length;
      sink.push('ZIP', start, end + z[0].length, 0.9);
    }
  }
  if (BOX_WORD.test(text)) {
    for (const m of matches(PO_BOX, text)) sink.push('ADDRESS', m.index, m.index + m[0].length, 0.9);
  }
  for (const m of matches(ZIP, text)) {
    const prefix = text.slice(Math.max(0, m.index - 8), m.index);
    if (STATE_BEFORE.test(prefix)) sink.push('ZIP', m.index, m.index + m[0].length, 0.9);
    else if (ZIP_CONTEXT.test(before(text, m.index, 16))) sink.push('ZIP', m.index, m.index + m[0].length, 0.9);
  }
}

export const address: Recognizer = { name: 'address', types: ['ADDRESS', 'ZIP'], minDigits: 1, detect: detectAddresses };
export const city: Recognizer = { name: 'city', types: ['ADDRESS'], minDigits: 0, detect: detectCities };
