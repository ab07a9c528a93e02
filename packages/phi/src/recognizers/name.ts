// NAME (Safe Harbor 1): people's names, international spellings included. Evidence, strongest
// first: a title (Mr/Ms/Dr/Dra/Sra), a strong context word ("patient", "Dear", "caller",
// "Name:"), a weak one ("hi", "from") backed by the name lists, or first + last name from the
// lists (../lexicons/names.ts); also "Lopez, Maria" forms, lower-case names after a context
// word ("this is kwame") and a message that opens by addressing someone ("Fatima, your ...").
import { firstNameSet, isCommonWord, isNotName, isSurnameLike, surnameSet } from '../lexicons/names.ts';
import { isCity } from '../lexicons/places.ts';
import { before, groupSpan, LO, matches, UP, type Recognizer, type Sink } from './shared.ts';

const WORD = `[${UP}](?:[${LO}]+(?:['-]?[${UP}][${LO}]+)?|'[${UP}][${LO}]+(?:-[${UP}][${LO}]+)?)`;
// \b cannot start a run at a non-ASCII capital ("User: Šárka"); the look-ahead can, and the
// LATIN_LETTER check below drops a start in mid-word.
// Particles inside a name ("Ruairí Mac Giolla", "Tomás Ó Súilleabháin", "Friederike von Albrecht",
// "Gwen ap Rhys", "Noor ul-Ain"): ours, from Irish, Welsh, Dutch/German, Arabic and Urdu naming.
const PARTICLE = `(?:(?:van|von|der|den|de|da|di|du|le|la|ap|bin|ibn|al|el|Mac|Ó|Ní|Ua)\\s+){0,2}`;
const NAME_SEQ = new RegExp(`(?:\\b|(?=[À-ÖØ-Þ\\u0100-\\u024F\\u1E00-\\u1EFF]))${WORD}(?:\\s+(?:[${UP}]\\.\\s+)?${PARTICLE}${WORD}){0,3}(?![${UP}${LO}0-9_])`, 'g');
// On ASCII text the plain \b start is enough, and V8 scans it faster.
const NAME_SEQ_ASCII = new RegExp(`\\b${WORD}(?:\\s+(?:[${UP}]\\.\\s+)?${PARTICLE}${WORD}){0,3}(?![${UP}${LO}0-9_])`, 'g');
const NON_ASCII_TEXT = /[\u0080-\uffff]/;
// \b treats "í" as a non-word character; a run starting right after a letter is mid-word.
const LATIN_LETTER = new RegExp(`[${UP}${LO}]`);
// English, Spanish and Portuguese titles (Dra. García, Sra. Ruiz).
const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Dra', 'Sr', 'Sra', 'Srta']);
// Strong context says a person follows ("patient", "Dear", "caller"): an unknown word there
// is still a name. Weak context ("from", "by", "hi") only backs a word found in the name lists.
const STRONG_WORDS = new Set(['Patient', 'Pt', 'Caller', 'Member', 'Dear', 'Resident', 'Guardian', 'Attn', 'Name', 'Spouse', 'Mother', 'Father', 'Son', 'Daughter', 'Customer', 'Child']);
const WEAK_WORDS = new Set(['Hi', 'Hello', 'Hey', 'Contact', 'Client', 'Hola', 'Olá', 'Bonjour', 'Hallo']);
const TITLE_BEFORE = /\b(?:mr|mrs|ms|miss|mx|dr|dra|sr|sra|srta|prof)\.?\s*$/;
// "name" as a word or a key's last part (patient_name), not inside appName/baseName: those
// keys hold product and theme names.
const STRONG_BEFORE =
  /(?:patient|\bpt|(?<![a-z])name(?:\s+is|'s)?|caller|member|customer|\buser|\bchild|\bdear|resident|guardian|mother|father|spouse|wife|husband|\bson|daughter|\battn|named|\bcalled|\bmom|\bdad|\bmum|holder|\bpayee|subscriber|\bowner|\bdriver|\brider|passenger|sincerely|regards|\bsister|\bbrother|\bkid|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|\baunt|\buncle|cousin|neighbou?r|kontoinhaber(?:in)?|name on card|reminder to|booked for|\btell|\bask|guarantor|caregiver|recipient|\bdr\.?)[\s:=,"'#.-]*$/;
// "thanks"/"cheers"/"bye" before a listed name: chat sign-offs and replies address a person.
const WEAK_BEFORE = /(?:\bhi|\bhello|\bhey|\bhola|this is|\bi'?m|\bi am|regarding|contact|signed|\bby|\bfrom|\bfor|nurse|provider|physician|\bwith|thanks|thank you|\bcheers|\bbye|\bit'?s|\bask for|spoke (?:to|with)|talked (?:to|with)|\bbooked|\bthx)[\s:=,"'#.-]*$/;

const GREETING_BEFORE = /(?:\bhi|\bhello|\bhey|\bdear|\bhola|\bbonjour|\bhallo|\bola|olá)[\s,]*$/;

const ORGANISATION_WORDS = new Set(['Clinic', 'Hospital', 'Medical', 'Health', 'Pharmacy', 'Center', 'Labs', 'Lab', 'Care', 'Team', 'Support', 'Office']);

// Just after a role label ("Patient: "), a sentence end or the line start: a capitalised word there may be any word.
const SENTENCE_START = /(?:^|[:.!?])\s*$/;
const JSON_NAME_KEY = /"name\\?"\s*:\s*\\?"$/i;
const LETTER = /[\p{L}\p{M}]/u;

const NO_CONTEXT = 0;
const WEAK = 1;
const STRONG = 2;

const DIACRITICS = /\p{M}/gu;
const NON_ASCII = /[^\p{ASCII}]/u;

/** "García" -> "Garcia": the name lists are ASCII. */
function foldAccents(word: string): string {
  return word.normalize('NFD').replace(DIACRITICS, '');
}

/** In a name list, also for "Mary-Kate" (first part), "O'Brien" (as Obrien) and "José" (as Jose). */
function inList(list: Set<string>, word: string): boolean {
  if (list.has(word)) return true;
  if (NON_ASCII.test(word)) {
    const folded = foldAccents(word);
    if (folded !== word && list.has(folded)) return true;
  }
  const dash = word.indexOf('-');
  if (dash > 0 && (list.has(word.slice(0, dash)) || inList(list, word.slice(dash + 1)))) return true;
  const quote = word.indexOf("'");
  return quote > 0 && list.has(word[0] + word.slice(quote + 1).toLowerCase());
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function titleCase(word: string): string {
  return word[0] + word.slice(1).toLowerCase();
}

// "Lopez, Maria" and "LOPEZ, MARIA": surname first, as charts and rosters write it; both
// halves in the same case ("Toyota, VIN" is not a name). A CSV row ("Maria,Nguyen") may also
// hold the given name first.
const SURNAME_FIRST = new RegExp(
  // A second given name or a middle initial may follow ("Wong, Cheuk Yin", "Fernandez, Marco A").
  `(?<![${UP}${LO}0-9_])([${UP}][${LO}]+(?:['-][${UP}][${LO}]+)?|[${UP}]{2,}(?:['-][${UP}]+)?),([ \\t]*)([${UP}][${LO}]+|[${UP}]{2,})(?: ([${UP}][${LO}]+|[${UP}]\\.?(?![${UP}${LO}0-9_])))?(?![${UP}${LO}0-9_])`,
  'g',
);
const LOWER_LETTER = /[a-zß-öø-ÿ]/;

function detectSurnameFirst(text: string, sink: Sink): void {
  if (!text.includes(',')) return;
  const first = firstNameSet();
  const surnames = surnameSet();
  for (const m of matches(SURNAME_FIRST, text)) {
    const rawLast = m[1] as string;
    const rawGiven = m[3] as string;
    if (LOWER_LETTER.test(rawLast) !== LOWER_LETTER.test(rawGiven)) continue;
    const last = titleCase(rawLast);
    const given = titleCase(rawGiven);
    if (isNotName(last) || isNotName(given)) continue;
    // The second given word counts only when it is no common word ("Lopez, Maria Called" is prose).
    const second = m[4];
    const end = second !== undefined && (second.length <= 2 || !isCommonWord(second)) && !isNotName(second) ? m.index + m[0].length : m.index + m[0].length - (second !== undefined ? second.length + 1 : 0);
    if (inList(surnames, last) && (inList(first, given) || inList(surnames, given))) {
      const prefix = before(text, m.index, 28);
      const strong = STRONG_BEFORE.test(prefix);
      // Without context both halves must be in the lists and the given name a curated first name.
      // After a weak cue ("for Delgado, Ana") the whole form outranks the cue's read of the surname alone.
      if (strong || inList(first, given)) {
        sink.push('NAME', m.index, end, strong ? 0.93 : WEAK_BEFORE.test(prefix) ? 0.91 : 0.75);
        continue;
      }
    }
    // A quoted cell holding exactly "Okafor, Chinedu": both halves listed, neither common English.
    const quoted = text[m.index - 1] === '"' && text[end] === '"';
    if (quoted && inList(surnames, last) && inList(surnames, given) && !isCommonWord(last) && !isCommonWord(given)) {
      sink.push('NAME', m.index, end, 0.7);
      continue;
    }
    // "Maria,Nguyen": adjacent CSV cells, a curated first name then a listed, uncommon surname.
    if ((m[2] as string).length === 0 && inList(first, last) && inList(surnames, given) && !isCommonWord(given)) {
      sink.push('NAME', m.index, end, 0.7);
    }
  }
}

// Lower-case names in chat and SMS ("this is kwame", "patient josé garcía says"): only after a
// word that announces a person, and only words from the name lists that are not common words.
const LOWER_NAME_DASH =
  /\s[-–—]\s*(?!(?:patient|pt|this|name|i|hi|hello|hey|dear|hola)\b)([a-zß-öø-ÿ\u0101-\u017f][a-zß-öø-ÿ\u0101-\u017f'-]+(?:\s+[a-zß-öø-ÿ\u0101-\u017f][a-zß-öø-ÿ\u0101-\u017f'-]+){0,2})/g;
const LOWER_NAME =
  /\b(?:patient|pt|this is|name is|my name'?s|call me|i'?m|i am|it'?s|its|hi|hello|hey|dear|hola|son|daughter|wife|husband|mom|mum|dad|mother|father|sister|brother|grandson|granddaughter|baby|kid|(?:dr|dra|mrs?|ms|mx|prof|sra?)\.?)[\s:,]+(?!(?:patient|pt|this|name|i|hi|hello|hey|dear|hola|its|it's|my)\b)([a-zß-öø-ÿ\u0101-\u017f][a-zß-öø-ÿ\u0101-\u017f'-]+(?:\s+[a-zß-öø-ÿ\u0101-\u017f][a-zß-öø-ÿ\u0101-\u017f'-]+){0,2})/g;
const LOWER_TITLE = /^(?:dr|dra|mrs?|ms|mx|prof|sra?)\b/;
// "my name is rubija hodžić": the speaker names themself; like a title, a word that is not
// common English is a name even when no list holds it.
const LOWER_SELF_NAMED = /^(?:name is|my name'?s|call me)\b/;

/** A lower-case word from the name lists; "o'brien-lopez" counts when one of its parts does. */
function listedLower(raw: string, first: Set<string>, surnames: Set<string>): { listed: boolean; curated: boolean } {
  const word = capitalise(raw);
  const curated = inList(first, word);
  if (curated || (inList(surnames, word) && !isCommonWord(foldAccents(raw)))) return { listed: true, curated };
  if (!raw.includes('-') && !raw.includes("'")) return { listed: false, curated: false };
  const parts = raw.split(/['-]/).filter((p) => p.length >= 3);
  const listed = parts.length > 0 && parts.some((p) => inList(first, capitalise(p)) || (inList(surnames, capitalise(p)) && !isCommonWord(p)));
  return { listed, curated: false };
}

function detectLowerCaseNames(text: string, sink: Sink): void {
  const first = firstNameSet();
  const surnames = surnameSet();
  const dashed = text.includes(' - ') || text.includes(' – ') || text.includes(' — ');
  const candidates = dashed ? [...matches(LOWER_NAME, text), ...matches(LOWER_NAME_DASH, text)] : matches(LOWER_NAME, text);
  for (const m of candidates) {
    const group = m[1] as string;
    const [start] = groupSpan(m);
    const dash = !/^\s*[a-z]/.test(m[0]);
    // After a title ("seen by dr. yuki tanaka") any word that is not common English is a name.
    const titled = !dash && LOWER_TITLE.test(m[0]);
    const selfNamed = !dash && LOWER_SELF_NAMED.test(m[0]);
    let end = start;
    let count = 0;
    let curatedHead = false;
    let anyListed = false;
    for (const wm of group.matchAll(/\S+/g)) {
      const word = capitalise(wm[0]);
      // A curated first name ("maria") counts even when it is also an English word; a word only
      // in the noisy surname list must not be common English ("says", "fine").
      const { listed, curated } = listedLower(wm[0], first, surnames);
      const unlisted = (titled || selfNamed) && wm[0].length >= 2 && !isCommonWord(foldAccents(wm[0]));
      if ((!listed && !unlisted) || isNotName(word)) break;
      // After the first word a common English word ends the run ("this is maria nguyen my dob").
      if (count > 0 && isCommonWord(foldAccents(wm[0]))) break;
      anyListed ||= listed;
      if (count === 0) curatedHead = curated;
      count++;
      end = start + (wm.index ?? 0) + wm[0].length;
    }
    // After a title one word of the run must still be a listed name ("ms. excel sheet" is not one).
    if (count === 0 || (titled && !anyListed)) continue;
    // After a dash ("see u thurs - rosa") only a curated first name counts.
    if (dash && !curatedHead) continue;
    sink.push('NAME', start, end, titled || selfNamed ? 0.85 : curatedHead || count >= 2 ? 0.75 : 0.6);
  }
}

// A message that opens by addressing someone: "Fatima your appointment...", "Giulia: the clinic...".
const VOCATIVE = /^\s*(\p{Lu}\p{Ll}+)(?:([,:])?\s+(?=your\b)|([,:])\s)/u;

function detectVocative(text: string, sink: Sink): void {
  const m = VOCATIVE.exec(text);
  if (!m) return;
  const word = m[1] as string;
  if (isNotName(word) || isCommonWord(word)) return;
  const start = m.index + m[0].indexOf(word);
  // Before ", " or ":" only a curated first name; before "your" a listed name will do.
  const ok = inList(firstNameSet(), word) || (m[3] === undefined && inList(surnameSet(), word));
  if (ok) sink.push('NAME', start, start + word.length, 0.7);
}

/** A given name beyond doubt: in the curated list, or a listed name ("Deshawn") that is not common English. */
function clearGivenName(word: string, first: Set<string>, surnames: Set<string>): boolean {
  if (isNotName(word)) return false;
  const folded = titleCase(word);
  return inList(first, word) || inList(first, folded) || (inList(surnames, folded) && !isCommonWord(word));
}

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'le', 'la', 'ap', 'bin', 'ibn', 'al', 'el', 'Mac', 'Ó', 'Ní', 'Ua']);

function plausibleNameWords(words: readonly { w: string }[]): boolean {
  for (const { w } of words) {
    if (PARTICLES.has(w)) continue;
    if ((w.length < 2 && !w.endsWith('.')) || isNotName(w)) return false;
  }
  return true;
}

// Surname endings of the Slavic, Nordic, Baltic, Turkish, Romanian, Armenian, Greek and
// Ukrainian naming systems (Ottová, Hodžić, Jónsdóttir, Kowalska, Yılmazoğlu, Popescu,
// Petrosyan, Papadopoulos, Shevchenko): a capitalised word ending so, and not a common word,
// is read as a surname although no list holds it. Ours, from those languages' patronymic and
// family-name suffixes; the lists (humannames) cover the rest.
const SURNAME_ENDING = /(?:ová|ova|ská|ski|ska|cki|cka|dzki|ić|ič|vić|vič|dóttir|dottir|sdóttir|sson|ssen|ovich|evich|enko|oğlu|oglu|escu|yan|ian|poulos|akis|opoulou|aitė|ienė|iūtė|auskas|evičius)$/;

function knownSurname(word: string, surnames: Set<string>): boolean {
  return inList(surnames, word) || (word.length >= 5 && SURNAME_ENDING.test(word) && !isCommonWord(word));
}

// A chat transcript's speaker: "Šárka Ottová: I need to move my appointment". Two or three
// capitalised words at the start of a line, then ": ", none of them common English or a
// product word, the last a known surname (or of a surname's shape).
const SPEAKER = new RegExp(`^\\s*((?:[${UP}][${LO}'-]+\\s+){1,2}[${UP}][${LO}'-]+):\\s`);

function detectSpeaker(text: string, sink: Sink): void {
  const m = SPEAKER.exec(text);
  if (!m) return;
  const words = (m[1] as string).split(/\s+/);
  if (words.some((w) => isNotName(w) || isCommonWord(foldAccents(w)))) return;
  const surnames = surnameSet();
  if (!knownSurname(words[words.length - 1] as string, surnames) && !inList(firstNameSet(), words[0] as string)) return;
  const start = m.index + m[0].indexOf(m[1] as string);
  sink.push('NAME', start, start + (m[1] as string).length, 0.8);
}

// A name glossed in its own script right after it: "Li Wei (王伟)", "Park Ji-yeon (박지연)".
const NATIVE_GLOSS = /\(([\p{Script=Han}\p{Script=Hangul}\p{Script=Devanagari}\p{Script=Arabic}\p{Script=Cyrillic}\s]{2,12})\)/gu;
const GLOSS_GATE = /\((?![ -\u024F])./;
const LATIN_BEFORE_GLOSS = /(\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Ll}+)?(?:\s+\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Ll}+)?){1,2})\s*$/u;

function detectNativeGloss(text: string, sink: Sink): void {
  if (!GLOSS_GATE.test(text)) return;
  for (const m of matches(NATIVE_GLOSS, text)) {
    const beforeGloss = text.slice(Math.max(0, m.index - 30), m.index);
    if (!/\p{Lu}\p{Ll}+[\s,]*$/u.test(beforeGloss)) continue;
    const start = m.index + 1;
    sink.push('NAME', start, start + (m[1] as string).trimEnd().length, 0.7);
    // The name it glosses: the capitalised words right before it ("Hye-jin Park (박혜진)").
    const latin = LATIN_BEFORE_GLOSS.exec(beforeGloss);
    // Glossed, the name is beyond doubt; one of its words must still be no common word ("Hye-jin" of "Hye-jin Park").
    if (latin && (latin[1] as string).split(/\s+/).some((w) => !isCommonWord(w.split('-')[0] as string))) {
      const at = m.index - beforeGloss.length + latin.index;
      sink.push('NAME', at, at + (latin[1] as string).length, 0.75);
    }
  }
}

// Rows of exported patient lists (CSV, ";" or "|" separated) carry names as plain cells:
// "34305786,Øystein,Bjørnstad,2002-04-11,...", "\"O'Connell, Siobhán\",\"17/03/1937\"". Ours: after
// any leading id cells, the first run of cells that are capitalised words (at most three
// cells, four words each), when a later cell carries digits or an '@'. A header row has none.
const CSV_NAME_CELL = /^(?:\p{Lu}[\p{Ll}\p{M}'’.-]*(?:[\s,]+|$)){1,4}$/u;
const CSV_MAX_LINE = 2000;

function csvCells(line: string, sep: string): { text: string; start: number }[] {
  const cells: { text: string; start: number }[] = [];
  let i = 0;
  while (i <= line.length && cells.length < 12) {
    if (line[i] === '"') {
      const close = line.indexOf('"', i + 1);
      if (close < 0) break;
      cells.push({ text: line.slice(i + 1, close), start: i + 1 });
      const next = line.indexOf(sep, close);
      if (next < 0) break;
      i = next + 1;
    } else {
      let next = line.indexOf(sep, i);
      if (next < 0) next = line.length;
      cells.push({ text: line.slice(i, next), start: i });
      i = next + 1;
    }
  }
  return cells;
}

function detectCsvNames(text: string, sink: Sink): void {
  if (text.length > CSV_MAX_LINE) return;
  const sep = [',', ';', '|'].find((c) => text.split(c).length >= 4);
  if (sep === undefined) return;
  const cells = csvCells(text, sep);
  let k = 0;
  while (k < cells.length && k < 2 && /\d/.test((cells[k] as { text: string }).text)) k++;
  const run: { text: string; start: number }[] = [];
  for (; k < cells.length && run.length < 3; k++) {
    const cell = cells[k] as { text: string; start: number };
    const t = cell.text.trim().replace(/^[-–—\s]+/, '');
    if (t === '' || !CSV_NAME_CELL.test(t)) break;
    const words = t.split(/[\s,]+/).filter(Boolean);
    if (words.some((w) => isNotName(w.replace(/\.$/, '')) || (isCommonWord(foldAccents(w)) && !inList(firstNameSet(), w)))) break;
    run.push({ text: t, start: cell.start + cell.text.indexOf(t) });
  }
  if (run.length === 0 || !cells.slice(k).some((c) => /\d|@/.test(c.text))) return;
  for (const c of run) sink.push('NAME', c.start, c.start + c.text.length, 0.75);
}

function detectNames(text: string, sink: Sink): void {
  detectCsvNames(text, sink);
  detectNativeGloss(text, sink);
  detectSurnameFirst(text, sink);
  detectSpeaker(text, sink);
  detectLowerCaseNames(text, sink);
  detectVocative(text, sink);
  const first = firstNameSet();
  for (const m of matches(NON_ASCII_TEXT.test(text) ? NAME_SEQ : NAME_SEQ_ASCII, text)) {
    if (m.index > 0 && LATIN_LETTER.test(text[m.index - 1] as string)) continue;
    const words: { w: string; at: number }[] = [];
    const wordRe = /\S+/g;
    let wm: RegExpExecArray | null;
    while ((wm = wordRe.exec(m[0])) !== null) words.push({ w: wm[0], at: m.index + wm.index });
    let titled = false;
    let context = NO_CONTEXT;
    // Leading titles and context words inside the capitalised run are context, not name.
    while (words.length > 0) {
      const w = (words[0] as { w: string }).w;
      if (TITLES.has(w)) titled = true;
      else if (STRONG_WORDS.has(w)) context = STRONG;
      else if (WEAK_WORDS.has(w)) context = Math.max(context, WEAK);
      else if (!isNotName(w)) break;
      words.shift();
    }
    if (words.length === 0) continue;
    if (!titled && context === NO_CONTEXT) {
      const prefix = before(text, (words[0] as { at: number }).at, 28);
      titled = TITLE_BEFORE.test(prefix);
      context = STRONG_BEFORE.test(prefix) ? STRONG : WEAK_BEFORE.test(prefix) ? WEAK : NO_CONTEXT;
    }
    const surnames = surnameSet();
    // "Patient: DeShawn Washington": after a clear given name and a title or strong context, a
    // surname that is also a place or a word is still the surname.
    const placeSurname =
      words.length >= 2 && (titled || context === STRONG) && isSurnameLike((words[words.length - 1] as { w: string }).w) &&
      clearGivenName((words[0] as { w: string }).w, first, surnames);
    let organisation = false;
    while (!placeSurname && words.length > 0 && isNotName((words[words.length - 1] as { w: string }).w)) {
      // Pop before testing: `organisation ||= has(pop())` would stop popping once true, and spin.
      const dropped = words.pop() as { w: string };
      organisation = ORGANISATION_WORDS.has(dropped.w) || organisation;
    }
    // "Riverside Clinic", "Mercy Hospital": a place named like a person is still a place.
    if (words.length === 0 || organisation) continue;
    // "Wizyta Kacper Nowak", "Consulta de Thiago Souza": a sentence's first word (and a particle)
    // before a given name and a surname is not part of the name.
    if (words.length >= 3 && !titled && context === NO_CONTEXT && !inList(first, (words[0] as { w: string }).w) && !inList(surnameSet(), (words[0] as { w: string }).w)) {
      let skip = 1;
      while (skip < words.length - 1 && PARTICLES.has((words[skip] as { w: string }).w)) skip++;
      if (words.length - skip >= 2 && inList(first, (words[skip] as { w: string }).w)) words.splice(0, skip);
    }
    const head = words[0] as { w: string; at: number };
    const tail = words[words.length - 1] as { w: string; at: number };
    if (!plausibleNameWords(placeSurname ? words.slice(0, -1) : words)) continue;
    const start = head.at;
    const end = tail.at + tail.w.length;
    const known = placeSurname || inList(first, head.w) || inList(surnames, head.w) || knownSurname(tail.w, surnames);
    // One common English word that only the noisy surname list knows ("My", "Can", "Will") is a
    // sentence's first word after a role label or "Thanks.", not a name.
    if (!titled && words.length === 1 && isCommonWord(foldAccents(head.w)) && (!inList(first, head.w) || SENTENCE_START.test(before(text, start, 12)))) continue;
    // One word under a JSON "name" key that only the surname list knows is a page or event name ("Pricing").
    if (words.length === 1 && !inList(first, head.w) && JSON_NAME_KEY.test(before(text, start, 12))) continue;
    // A run cut short by a letter beyond the patterns' alphabet ("Nguy|ễn"): the key or list rules judge it.
    if (LETTER.test(text[end] ?? '')) continue;
    const greeted = context === WEAK;
    if (titled) sink.push('NAME', start, end, 0.95);
    else if (context !== NO_CONTEXT && known) sink.push('NAME', start, end, 0.9);
    // An unknown single word after "name"/"patient" is a name unless it is common English ("If").
    // Not one unlisted word under a JSON "name" key: Segment page and event names ("Pricing").
    else if (context === STRONG && (words.length > 1 || (!isCommonWord(head.w) && !JSON_NAME_KEY.test(before(text, start, 12))))) sink.push('NAME', start, end, 0.6);
    // A greeting, the words, then a comma or "!": "Hi Ngozi," addresses a person whether or not
    // a list holds the name (not "Hi Team,": product and role words are filtered above).
    else if (greeted && words.length <= 2 && GREETING_BEFORE.test(before(text, start, 12)) && /^\s*[,!]/.test(text.slice(end, end + 2)) && words.every((w) => !isCommonWord(foldAccents(w.w)))) {
      sink.push('NAME', start, end, 0.7);
    }
    // With no cue a run that names a city ("São Paulo", "San Diego") is the city.
    else if (words.length >= 2 && knownSurname(tail.w, surnames) && !isCity(text.slice(start, end)) && !isCity(foldAccents(text.slice(start, end)))) {
      // No context: two or more capitalised words, the last a known surname and the first a
      // known first name (curated list: 0.8) or at least a known name (noisy list: 0.7).
      if (inList(first, head.w)) sink.push('NAME', start, end, 0.8);
      else if (inList(surnames, head.w) && !isCommonWord(head.w)) sink.push('NAME', start, end, 0.7);
    }
  }
}

export const name: Recognizer = { name: 'name', types: ['NAME'], minDigits: 0, detect: detectNames };
