// ADDRESS and ZIP (Safe Harbor 2: geographic subdivisions smaller than a state): street
// lines (number + name + suffix, units, a following "City, ST"), PO boxes, German-style
// "Hauptstraße 12", a city with its state ("Springfield, IL", "in Dayton, Ohio"), and ZIP
// codes after a state code, a street line or a ZIP word. One file for both because a ZIP is
// judged by the street line before it. International forms too: "221B Baker Street, London
// NW1 6XE" (UK postcodes validated by `postcode`), Canadian postal codes, "12 rue de la Paix,
// 75002 Paris", "Via Roma 10", "Damstraat 12", and any postcode after a postcode word.
import { isValid as ukPostcodeValid } from 'postcode';
import { isCommonWord, isNotName, isPlaceName } from '../lexicons/names.ts';
import { isCity, isRegion } from '../lexicons/places.ts';
import type { PhiHit } from '../types.ts';
import { before, groupSpan, LO, matches, UP, type Recognizer, type Sink } from './shared.ts';

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const STREET_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Row|Alley|Plaza|Broadway|Close|Crescent|Cres|Gardens|Gdns|Mews|Grove|Heights|Wharf|Quay|Esplanade|Promenade|Embankment';
// Canadian provinces and territories, for "Toronto, ON M5H 2M9" after a street line.
const PROVINCES = 'AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT';
const STREET = new RegExp(
  `\\b\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?\\s+(?:[NSEW]\\.?\\s+)?(?:(?:[${UP}][${UP}${LO}'.-]*|\\d{1,4}(?:st|nd|rd|th))\\s+){1,4}(?:${STREET_SUFFIX})\\b\\.?` +
    `(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?[A-Za-z0-9-]+)?`,
  'g',
);
// Cheap gate before the street pattern: a street suffix word somewhere in the text.
const STREET_WORD = new RegExp(`\\b(?:${STREET_SUFFIX})\\b`);
// ", Springfield, IL" after a street line: the city is a geographic subdivision too.
const CITY_STATE = new RegExp(`^(?:\\s+[NSEW]\\b)?,?\\s+[A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,2},?\\s+(?:${STATES}|${PROVINCES})\\b`);
const BOX_WORD = /box/i;
const HAS_FOUR_DIGITS = /\d{4}|\d{2}-\d{3}|\d{3} \d{2}/;
const PO_BOX = /\bP\.?\s?O\.?\s+Box\s+\d+\b/gi;
const ZIP = /(?<![\w.-])\d{5}(?:-\d{4})?(?![\w-]|\.\d)/g;
// "IL 60614", "IL, 60614" and CSV "CA,94103".
const STATE_BEFORE = new RegExp(`\\b(?:${STATES})\\.?(?:,\\s{0,3}|\\s{1,3})$`);
// German-style street lines put the number after the name: "Hauptstraße 12".
// Dutch, Scandinavian, Hungarian and Finnish ones do the same ("Damstraat 12", "Storgatan 3");
// short suffixes that end English words (-ring, -weg, -damm) are left out. Ours, from the
// street-name conventions of those countries.
const STREET_NUMBER_AFTER =
  /(?<![\p{L}])\p{Lu}\p{Ll}{2,}(?:straße|strasse|str\.|gasse|allee|platz|straat|gracht|laan|plein|gade|vej|gatan|vägen|veien|utca|katu)\s+\d{1,4}[a-z]?\b/gu;
const GERMANIC_GATE = /stra|str\.|gass|allee|platz|gracht|laan|plein|gade|vej|gatan|vägen|veien|utca|katu/;
// Romance and Polish street lines: the street type first, then the name, then (Italian,
// Spanish, Portuguese, Polish) the number, or (French) the number before the type.
const STREET_TYPE_FIRST = new RegExp(
  // The number may carry a second part and the flat ("Marszałkowska 84/92 m. 15", "Alcalá 112, 3º B"),
  // and a French or Spanish line its unit ("Rue Sherbrooke O, app. 5").
  `(?<![${UP}${LO}])(?:Via|Viale|Piazza|Corso|Calle|Avenida|Avda\\.|Av\\.|Rua|Travessa|Largo|Plaza|Paseo|Carrer|ul\\.|ulica|Aleja|al\\.)\\s+(?:(?:de|del|da|do|dos|das|della|di|la|los|las)\\s+)*[${UP}][${LO}]+(?:\\s+[${UP}][${LO}]+){0,3},?\\s+\\d{1,4}[a-zA-Z]?\\b(?:\\/\\d{1,4}\\b)?(?:\\s+m\\.\\s?\\d{1,4}\\b|,\\s\\d{1,2}º(?:\\s[A-Z]\\b)?)?` +
    `|\\b\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:[Rr]ue|[Aa]venue|[Bb]oulevard|bd|[Pp]lace|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai|[Rr]oute|[Cc]ours|Calle)\\s+(?:(?:de|du|des|la|le|l'|d')\\s*)*[${UP}][${LO}'-]+(?:\\s+(?:de\\s+|du\\s+|des\\s+|la\\s+)?[${UP}][${LO}'-]+){0,3}(?:\\s[NSEO]\\b)?(?:,\\s(?:app|apt|appt|bur|apto)\\.?\\s?\\d{1,4}\\b)?`,
  'g',
);
const TYPE_FIRST_GATE = /\b(?:Via|Viale|Piazza|Corso|Calle|Avenida|Avda|Av|Rua|Travessa|Largo|Plaza|Paseo|Carrer|ul|ulica|Aleja|al|rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|route|cours)\b/i;
// UK postcodes (uppercase, outward and inward code; validated by `postcode`) and Canadian
// postal codes (letters from Canada Post's alphabet), written with their space.
// One scan for both: group 1 is a UK candidate, group 2 a Canadian one.
const UK_OR_CA_POSTCODE = /\b(?:((?:[A-Z]{1,2}\d[A-Z\d]?|GIR) \d[ABD-HJLNP-UW-Z]{2})|([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d))\b/g;
// Every word the three gates below look for, in one case-insensitive scan (most lines have none).
const INTERNATIONAL_GATE =
  /stra|str\.|gass|allee|platz|gracht|laan|plein|gade|vej|gatan|vägen|veien|utca|katu|via|viale|piazza|corso|calle|aven|avda|av\.|rua|travessa|largo|plaza|paseo|carrer|ul\.|ulica|aleja|al\.|rue|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|zip|post|plz|c\.?p\b|digo|cap\b/i;
// Cheap gate before the postcode-word pattern.
const POSTCODE_WORD_GATE = /zip|post|plz|c\.?p\b|digo|\bcap\b/i;
// Any country's code after a postcode word: "PLZ 10115", "postal code: 00-950", "CP 28013".
const POSTCODE_AFTER_WORD =
  /\b(?:zip|zipcode|zip code|postal code|postcode|post code|postal|plz|code postal|c\.?p\.?|c[óo]digo postal|cap)\s*(?:is|was|:|#|=)?\s*((?=[A-Z-]*\d)[A-Z0-9]{2,5}(?:[ -][A-Z0-9]{2,4})?)\b/gi;
// "her zip as 94110": a US ZIP a little after the word.
const ZIP_WORD_BEFORE = /\b(?:zip|zipcode|zip code|postal|postcode)\b/;
// ", 75002 Paris", "10115 Berlin" after a street line: a European postcode before its city.
const POSTCODE_BEFORE_CITY = new RegExp(`^[,;]?\\s*(\\d{4,5})\\s+[${UP}][${LO}]{2,}`);
// A ZIP right after a street line, with or without a city in between ("Apt 4B, 60614").
const ZIP_AFTER_STREET = /^"?[,;]?\s*(?:\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2}[,;]\s*)?(\d{5}(?:-\d{4})?)(?![\w-]|\.\d)/u;

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

// Postcodes of any country beside their place name, on a line about an address (ours: the
// shapes are the postal formats of the countries support text here comes from: US ZIP, CEP
// 01310-200, Japan 150-0002, Poland 00-950, Portugal 1100-053, Sweden/Czechia 114 51, the
// Netherlands 1016 GV, and 4-6 digit codes; the place name next to it is what tells a code
// from a count). "Houston 77036", "75002 Paris", "Perth WA 3000", "CEP 04538-132", "〒160-0022".
const ADDRESS_CUE =
  /address|adres|direcci|endere|morada|adresse|indirizzo|anschrift|地址|адрес|địa chỉ|\bcep\b|\bplz\b|〒|邮编|\bzip|postal|postcode|eircode|\bpin\b|ship (?:it )?to|post it to|\blives? at|living at|moved to|we are at|we're at|located at|visit at|home visit|pick ?up|deliver(?:y)? to|send (?:it )?to|mail(?:ed)? to|wohnhaft|envoyez|staying/i;
const POSTCODE_SHAPE =
  /(?<![\p{L}\p{N}.,/:+#$-])(\d{5}-\d{3,4}|\d{3}-\d{4}|\d{4}-\d{3}|\d{2}-\d{3}|\d{3} \d{2}(?!\d)|\d{4} ?[A-Z]{2}(?![\p{L}])|\d{4,6})(?![\p{L}\p{N}-]|[.,:/]\d)/gu;
const PLACE_BEFORE_CODE = /\p{Lu}[\p{Ll}\p{M}]{2,}\.?,?\s{1,2}(?:(?:[A-Z]{2,3}|\p{Lu}[\p{Ll}]+)\s{1,2})?$|(?:cep|〒|plz|pin|邮编|c\.p\.|eircode)\s*:?\s*$|\p{Lo}$/iu;
const PLACE_AFTER_CODE = /^,?\s{1,2}\p{Lu}[\p{Ll}\p{M}]{2,}|^\s\p{Lu}{4}\b|^\s*\p{Lo}/u;
// Irish Eircodes (routing key + unique identifier, Eircode's published alphabet): distinctive enough alone.
const EIRCODE = /\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}\b/g;

function detectPostcodesBesidePlaces(text: string, sink: Sink, streetFound: boolean): void {
  if (!streetFound && !ADDRESS_CUE.test(text)) return;
  for (const m of matches(POSTCODE_SHAPE, text)) {
    const code = m[1] as string;
    const start = m.index;
    const end = start + code.length;
    // A year beside a word ("since 2019 Boston") is not a postcode.
    if (/^(?:19|20)\d{2}$/.test(code) && !/(?:cep|〒|plz|pin|postal|zip)\s*:?\s*$/i.test(before(text, start, 12))) continue;
    const prefix = text.slice(Math.max(0, start - 40), start);
    if (PLACE_BEFORE_CODE.test(prefix) || PLACE_AFTER_CODE.test(text.slice(end, end + 24))) sink.push('ZIP', start, end, 0.8);
  }
}

// The street line after an address word ("Address: Flat 302, Sai Residency, Plot 17", "adres:
// ul. Piotrkowska 104/6", "Адрес: ул. Тверская, д. 7"), or after "lives at" / "moved to" /
// "ship to" when it starts like a street line (a number, or a street or unit word). Ours: the
// street forms of the world are too many for patterns, but the word before them is few. The
// line runs to the postcode, a separator, or the city (a last comma part of capitalised words).
const ADDRESS_LABEL =
  /(?<![\p{L}])(?:address|adresse|adresa|adresim|adress|adres|direcci[óo]n|endereço|morada|indirizzo|anschrift|адрес|地址|địa chỉ|주소|住所)(?![\p{L}])(?:\s+(?:is|ist|es|é|est|je|ko ay|mới của em là|in \p{Lu}\p{Ll}+ is))?\s*[:：=]?\s*/giu;
const ADDRESS_VERB =
  /\b(?:lives? at|living at|moved to|we are at|we're at|ship (?:it |the \w+ )?to|post it to|send (?:it |the \w+ )?to|visit at|pickup|staying (?:with [^,]{1,40} )?at|nurse to)\s+(?=\d|(?:Calle|Rua|Av\.|Avenida|ul\.|Unit|Flat|Apt|House|Plot|Blk|Building|No\.|Via|Rue|Carrer|Plaza)\b)/gi;
const ADDRESS_LABEL_GATE = /addre|adres|direcci|endere|morada|indirizzo|anschrift|адрес|地址|địa chỉ|주소|住所|lives? at|living at|moved to|we are at|we're at|ship |post it|send |visit at|pickup|staying|nurse to/i;
const LINE_STOP = /[;|\n"(]| — | - (?=\p{Lu})|\.\s|\s(?:and|pls|please|thanks|until|but|she|he|we|for|,\s*(?:tel|phone|ph)\b)/u;

const TRAILING_POSTCODE_PART = /^(?:(?:\p{Lu}[\p{Ll}\p{M}]+\s)*[A-Z]{2,3}\s+)?\d{4,6}(?:-\d{3,4})?$|^(?:\p{Lu}[\p{Ll}\p{M}]+\s)+[A-Z0-9]{2,4}\s[0-9][A-Z]{2}$/u;
const STATE_CODE_PART = new RegExp(`^(?:${STATES}|${PROVINCES})$`);

function streetLineAfter(text: string, from: number, sink: Sink): void {
  let segment = text.slice(from, from + 90);
  const stop = LINE_STOP.exec(segment);
  if (stop) segment = segment.slice(0, stop.index);
  // Up to the postcode, when one follows.
  POSTCODE_SHAPE.lastIndex = 0;
  for (let m = POSTCODE_SHAPE.exec(segment); m !== null; m = POSTCODE_SHAPE.exec(segment)) {
    const unit = /\b(?:apt|apto|unit|suite|ste|flat|no|bldg|box|lot|plot|blk|depto|int|fl|floor|#)\.?\s*$/i.test(segment.slice(0, m.index));
    if (!unit && m.index > 6 && /[,\s]$/.test(segment.slice(0, m.index))) {
      const rest = segment.slice(m.index + (m[1] as string).length);
      if (rest === '' || /^[,\s]+\p{Lu}/u.test(rest)) {
        segment = segment.slice(0, m.index);
        break;
      }
    }
  }
  const parts = segment.replace(/[\s,.]+$/, '').split(/,\s*/);
  // A trailing postcode part ("73301", "IL 60614", "London NW1 6XE") is the ZIP rules' to judge.
  while (parts.length >= 2 && TRAILING_POSTCODE_PART.test(parts[parts.length - 1] as string)) parts.pop();
  // A last part of capitalised words, no digit, is the city (and a state or country after it).
  // "City, ST" (a US state or Canadian province) stays with the street, as the street-line rule reads it.
  const usCityState = parts.length >= 3 && STATE_CODE_PART.test(parts[parts.length - 1] as string);
  // A city is a subdivision smaller than a state and stays; a state, province or country goes.
  while (!usCityState && parts.length >= 2 && (CODE_PART.test(parts[parts.length - 1] as string) || isRegion(parts[parts.length - 1] as string) || STATE_NAME_SET.has(parts[parts.length - 1] as string))) parts.pop();
  const lastPart = (parts[parts.length - 1] ?? '').replace(/\s+[A-Z]{2,3}$/, '');
  if (parts.length >= 2 && lastPart !== parts[parts.length - 1] && !/\d/.test(lastPart)) parts[parts.length - 1] = lastPart;
  const line = parts.join(', ');
  if (line.length < 4 || !/\d|\p{Lo}/u.test(line)) return;
  const start = from + segment.indexOf(line);
  // "..., Tampa, FL 33602": a US state or Canadian province code after the city stays with it,
  // as the street-line rule reads "City, ST" (the city-state hit it would otherwise overlap).
  const state = parts.length >= 2 ? STATE_AFTER_CITY.exec(text.slice(start + line.length, start + line.length + 8)) : null;
  sink.push('ADDRESS', start, start + line.length + (state ? state[0].length : 0), 0.92);
}

const STATE_AFTER_CITY = new RegExp(`^,\\s*(?:${STATES}|${PROVINCES})(?![\\w-])`);

function detectCuedAddresses(text: string, sink: Sink): void {
  if (!ADDRESS_LABEL_GATE.test(text)) return;
  for (const m of matches(ADDRESS_LABEL, text)) {
    // A key in JSON ("address":{...}) is the keyed recognizer's.
    if (/^["'{[]/.test(text.slice(m.index + m[0].length))) continue;
    streetLineAfter(text, m.index + m[0].length, sink);
  }
  for (const m of matches(ADDRESS_VERB, text)) streetLineAfter(text, m.index + m[0].length, sink);
}

// ", Montreuil", ", Miraflores, Lima", ", Ciudad de México" after a street line: the district
// and city are part of the address (a subdivision smaller than a state); a state, province or
// country name or code, a postcode or a common word ends it. Ours. At most three parts.
const CITY_PART = new RegExp(`^,[ \\t]*((?:St\\.\\s|Ft\\.\\s)?[${UP}][${LO}${UP}'’.-]*(?:[ -](?:(?:de|del|da|do|di|la|le|am|an|upon|on|sur|en)[ -])?[${UP}][${LO}${UP}'’.-]*){0,3})(?![${UP}${LO}0-9])`);
const CODE_PART = new RegExp(`^(?:${STATES}|${PROVINCES}|[A-Z]{2,3})$`);

function cityTailEnd(text: string, end: number): number {
  let at = end;
  for (let parts = 0; parts < 3; parts++) {
    const m = CITY_PART.exec(text.slice(at, at + 64));
    if (!m) break;
    const part = (m[1] as string).replace(/[.'’-]+$/, '');
    const words = part.split(/[ -]+/);
    if (CODE_PART.test(part) || isRegion(part) || STATE_NAME_SET.has(part) || words.every((w) => isCommonWord(w) || (isNotName(w) && !isPlaceName(w)))) break;
    at += m[0].indexOf(part) + part.length;
  }
  return at;
}

const STATE_NAME_SET = new Set(STATE_NAMES.split('|'));

function detectAddresses(text: string, sink: Sink): void {
  detectCuedAddresses(text, sink);
  const streets = STREET_WORD.test(text) ? matches(STREET, text) : [];
  const streetEnds: number[] = [];
  for (const m of streets) {
    let end = m.index + m[0].length;
    const rest = CITY_STATE.exec(text.slice(end, end + 60));
    if (rest) end += rest[0].length;
    else end = cityTailEnd(text, end);
    sink.push('ADDRESS', m.index, end, 0.9);
    streetEnds.push(end);
  }
  // One scan for the words every international street and postcode pattern needs.
  const international = INTERNATIONAL_GATE.test(text);
  if (international && GERMANIC_GATE.test(text)) {
    for (const m of matches(STREET_NUMBER_AFTER, text)) {
      const end = cityTailEnd(text, m.index + m[0].length);
      sink.push('ADDRESS', m.index, end, 0.85);
      streetEnds.push(end);
    }
  }
  if (international && TYPE_FIRST_GATE.test(text)) {
    for (const m of matches(STREET_TYPE_FIRST, text)) {
      const end = cityTailEnd(text, m.index + m[0].length);
      sink.push('ADDRESS', m.index, end, 0.85);
      streetEnds.push(end);
    }
  }
  for (const end of streetEnds) {
    const after = text.slice(end, end + 48);
    const z = ZIP_AFTER_STREET.exec(after) ?? POSTCODE_BEFORE_CITY.exec(after);
    if (z) {
      // Found from `end` on (POSTCODE_BEFORE_CITY's match runs on into the city).
      const code = z[1] as string;
      const start = text.indexOf(code, end);
      sink.push('ZIP', start, start + code.length, 0.9);
    }
  }
  for (const m of matches(UK_OR_CA_POSTCODE, text)) {
    if (m[2] !== undefined || ukPostcodeValid(m[0])) sink.push('ZIP', m.index, m.index + m[0].length, 0.85);
  }
  const postcodeWords = international && POSTCODE_WORD_GATE.test(text) ? matches(POSTCODE_AFTER_WORD, text) : [];
  for (const m of postcodeWords) {
    const [start, end] = groupSpan(m);
    // The pattern ignores case for the words; a second part in lower case ("60614 only") is prose.
    const space = (m[1] as string).search(/[ -]/);
    const tail = space > 0 ? (m[1] as string).slice(space + 1) : '';
    sink.push('ZIP', start, tail !== '' && !/\d/.test(tail) && tail !== tail.toUpperCase() ? start + space : end, 0.9);
  }
  if (BOX_WORD.test(text)) {
    for (const m of matches(PO_BOX, text)) sink.push('ADDRESS', m.index, m.index + m[0].length, 0.9);
  }
  if (HAS_FOUR_DIGITS.test(text)) detectPostcodesBesidePlaces(text, sink, streetEnds.length > 0);
  if (/\b[AC-FHKNPRTV-Y]\d{2} /.test(text) || text.includes('D6W')) {
    for (const m of matches(EIRCODE, text)) sink.push('ZIP', m.index, m.index + m[0].length, 0.85);
  }
  for (const m of matches(ZIP, text)) {
    const prefix = text.slice(Math.max(0, m.index - 8), m.index);
    if (STATE_BEFORE.test(prefix) || ZIP_WORD_BEFORE.test(before(text, m.index, 16))) sink.push('ZIP', m.index, m.index + m[0].length, 0.9);
  }
}

// The town beside a postcode found above: after it in European order ("75019 Paris", "411 38
// Göteborg", "100 00 Praha 10"), before it in British, North American and Japanese order ("Leeds
// LS6 2AB", "Chinle AZ 86503", "Tokyo 153-0063"), a state or province code between staying out.
// A town is a subdivision smaller than a state; a region, a country or a common word is not.
// Ours. Bounded: one short slice on each side of each postcode.
const TOWN_AFTER_CODE = /^,?[ \t]{1,2}(\p{Lu}[\p{Ll}\p{M}]+(?:[ -](?:(?:de|del|am|an|upon|sur|la)[ -])?\p{Lu}[\p{Ll}\p{M}]+){0,2}(?: \d{1,2}(?!\d))?)(?![\p{L}\p{N}])/u;
const TOWN_BEFORE_CODE = /(?<![\p{L}\p{N}'’-])(\p{Lu}[\p{Ll}\p{M}]+(?:[ -](?:(?:de|del|am|an|upon|sur|la)[ -])?\p{Lu}[\p{Ll}\p{M}]+){0,2}),?[ \t]{1,2}(?:[A-Z]{2}[ \t]{1,2})?$/u;

// A postcode's own word before it ("Eircode D02 X285", "Postcode SW1A 1AA") is no town.
const POSTCODE_WORD = /^(?:eircode|postcode|post code|postal|zip|plz|cep|pin|code|cap)$/i;

function townWords(town: string): boolean {
  if (POSTCODE_WORD.test(town)) return false;
  if (isRegion(town) || isCity(town)) return isCity(town) && !isRegion(town);
  const words = town.split(/[ -]+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.every((w) => !isCommonWord(w) && !(isNotName(w) && !isPlaceName(w)));
}

function detectTownsBesidePostcodes(text: string, sink: Sink, from: number): void {
  const hits = sink.hits;
  const count = hits.length;
  for (let i = from; i < count; i++) {
    const zip = hits[i] as PhiHit;
    if (zip.type !== 'ZIP') continue;
    const after = TOWN_AFTER_CODE.exec(text.slice(zip.end, zip.end + 48));
    if (after && townWords((after[1] as string).replace(/ \d{1,2}$/, ''))) {
      const start = zip.end + after[0].length - (after[1] as string).length;
      sink.push('ADDRESS', start, start + (after[1] as string).length, 0.8);
      continue;
    }
    const before = TOWN_BEFORE_CODE.exec(text.slice(Math.max(0, zip.start - 48), zip.start));
    if (before && townWords(before[1] as string)) {
      const start = Math.max(0, zip.start - 48) + before.index;
      sink.push('ADDRESS', start, start + (before[1] as string).length, 0.8);
    }
  }
}

function detectAddressesAndTowns(text: string, sink: Sink): void {
  const from = sink.hits.length;
  detectAddresses(text, sink);
  detectTownsBesidePostcodes(text, sink, from);
}

export const address: Recognizer = { name: 'address', digitsOutsideOperational: true, types: ['ADDRESS', 'ZIP'], minDigits: 1, detect: detectAddressesAndTowns };
export const city: Recognizer = { name: 'city', types: ['ADDRESS'], minDigits: 0, detect: detectCities };
