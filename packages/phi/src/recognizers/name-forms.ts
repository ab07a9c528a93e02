// NAME in the forms name.ts's capitalised-run rules cannot see (Safe Harbor 1):
// - a self-introduction cue in the languages support text here is most often in, then the
//   name in any script ("Меня зовут Анастасия Кузнецова", "我叫王晓明", "제 이름은 김민준이고",
//   "Mein Name ist Jürgen Weißmüller", "Tôi là Nguyễn Thị Hồng Nhung");
// - a name before an honorific suffix (Japanese 様/さん, Chinese 女士/先生, Korean 님/씨, Hindi जी);
// - user names built from a person's name ("anna.kowalczyk", "aisha_karimi") and the value after
//   "username" / "logged in as";
// - a one-word chat speaker or recipient ("[Amara] Boa tarde", "SMS: Rangi: kia ora",
//   "Agent Mei:", "Kia ora Rangi,").
// The cue words and suffixes are ours, from how people introduce themselves and address each
// other in those languages; which words are names still comes from the lexicons.
import { firstNameSet, isCommonWord, isEnglishWord, isNotName, surnameSet } from '../lexicons/names.ts';
import { isCity, isRegion } from '../lexicons/places.ts';
import { detectSpokenPhones } from './phone.ts';
import { groupSpan, matches, type Recognizer, type Sink } from './shared.ts';

const SELF_CUE = new RegExp(
  [
    'меня зовут', 'моё имя', 'мое имя', 'ім\'я:', 'мене звати', 'το όνομά μου είναι', 'με λένε',
    'اسمي', 'שמי', 'मेरा नाम', '我叫', '我是', '我的名字是', '私の名前は', 'わたしは', '제 이름은', '저는',
    'tôi là', 'tên tôi là', 'mein name ist', 'ich heiße', 'ich bin', 'je m\'appelle', 'je suis', 'mon nom est',
    'me llamo', 'mi nombre es', 'soy', 'meu nome é', 'chamo-me', 'eu sou', 'il mio nome è', 'mi chiamo',
    'moje imię to', 'nazywam się', 'jmenuji se', 'jag heter', 'mitt namn är', 'ik ben', 'mijn naam is',
    'minun nimeni on', 'nimeni on', 'benim adım', 'adım', 'mă numesc', 'nama saya', 'ako si',
  ].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'giu',
);
const SELF_CUE_GATE = /зов|им|ім|όνομα|λένε|اسم|שמ|नाम|我|名前|わたし|이름|저는|tôi|name|heiß|bin|appelle|suis|nom|llamo|nombre|soy|nome|sou|chiamo|imię|nazywam|jmenuji|heter|namn|ben|naam|nimeni|adım|numesc|nama|ako/i;

// The name after a cue: Latin-script words capitalised (particles allowed inside), other
// scripts up to two words; CJK written without spaces is cut by the rules below.
const LATIN_NAME = /^\s*[:\-–]?\s*(\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s+(?:(?:van|von|der|den|de|da|del|di|du|la|le|bin|al|y|e)\s+)*\p{Lu}[\p{Ll}\p{M}'’-]+){0,3})/u;
const CYRILLIC_GREEK_NAME = /^\s*[:\-–]?\s*([\p{Script=Cyrillic}\p{Script=Greek}]+(?:\s+[\p{Script=Cyrillic}\p{Script=Greek}]+)?)/u;
const RTL_INDIC_NAME = /^\s*[:\-–]?\s*([\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{M}]+(?:\s+[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{M}]+)?)/u;
const HAN_NAME = /^\s*([\p{Script=Han}]{1,4}(?:[ \u3000][\p{Script=Han}]{1,3})?)/u;
const HANGUL_NAME = /^\s*([\p{Script=Hangul}]{2,6})/u;
// Korean particles and copulas glued to a name ("김민준이고", "박서연입니다").
const HANGUL_TAIL = /(?:이고요|이고|입니다|이에요|예요|이며|이라고|라고|님|씨|이)$/u;
// A word after a two-word non-Latin name that joins a clause: Hebrew/Arabic "and" prefixes, Hindi copula.
const NOT_NAME_WORD = /^(?:[וو]\p{L}+|है|हूँ|हूं|और|и|і|και)$/u;
const CYRILLIC_GREEK_STOP = /^(?:и|і|a|мой|моя|мій|мне|και|το|η|ο)$/iu;

function nameAfterCue(text: string, from: number): [number, number] | undefined {
  const rest = text.slice(from, from + 80);
  for (const re of [HAN_NAME, HANGUL_NAME, CYRILLIC_GREEK_NAME, RTL_INDIC_NAME, LATIN_NAME]) {
    const m = re.exec(rest);
    if (!m) continue;
    let value = m[1] as string;
    if (re === HANGUL_NAME) {
      const trimmed = value.replace(HANGUL_TAIL, '');
      value = trimmed.length >= 2 ? trimmed : value;
      if (value.length > 4) value = value.slice(0, 3);
    } else if (re === RTL_INDIC_NAME || re === CYRILLIC_GREEK_NAME) {
      const words = value.split(/\s+/);
      if (words.length === 2 && (NOT_NAME_WORD.test(words[1] as string) || CYRILLIC_GREEK_STOP.test(words[1] as string))) value = words[0] as string;
    } else if (re === LATIN_NAME) {
      const words = value.split(/\s+/);
      if (words.every((w) => isCommonWord(w) || isNotName(w))) return undefined;
    }
    const start = from + m.index + m[0].length - (m[1] as string).length;
    return [start, start + value.length];
  }
  return undefined;
}

function detectSelfIntroductions(text: string, sink: Sink): void {
  if (!SELF_CUE_GATE.test(text)) return;
  for (const m of matches(SELF_CUE, text)) {
    // A cue must start a word ("soy" not in "Masoyo").
    if (m.index > 0 && /[\p{L}]/u.test(text[m.index - 1] as string)) continue;
    const span = nameAfterCue(text, m.index + m[0].length);
    if (span) sink.push('NAME', span[0], span[1], 0.85);
  }
}

// A name and the honorific after it: "田中 一郎様", "山本様", "刘女士", "박서연 님", "이수진님", "अमित पटेल जी".
const HONORIFIC =
  /([\p{Script=Han}]{1,4}(?:[ \u3000][\p{Script=Han}]{1,3})?)(?:様|さま|さん|先生|女士|小姐|老师)|(?<![\p{Script=Hangul}])([\p{Script=Hangul}]{2,4}) ?(?:님|씨)(?![\p{Script=Hangul}])|([\p{Script=Devanagari}\p{M}]+(?: [\p{Script=Devanagari}\p{M}]+)?) जी/gu;
const HONORIFIC_GATE = /[様さ先女小老님씨]|जी/u;
// Chinese addressing "谢谢刘女士": a thanks word before a one-character surname.
const HAN_THANKS = /^(?:谢谢|感谢|您好|你好)/u;

function detectHonorifics(text: string, sink: Sink): void {
  if (!HONORIFIC_GATE.test(text)) return;
  for (const m of matches(HONORIFIC, text)) {
    const group = m[1] ?? m[2] ?? (m[3] as string);
    let start = m.index + m[0].indexOf(group);
    let value = group;
    // "谢谢刘女士": the thanks word before the surname is not part of it.
    const thanks = HAN_THANKS.exec(value);
    if (thanks && value.length > thanks[0].length) {
      start += thanks[0].length;
      value = value.slice(thanks[0].length);
    }
    sink.push('NAME', start, start + value.length, 0.8);
  }
}

// "anna.kowalczyk", "aisha_karimi", "dr.rebecca.stone": a listed first name and a listed
// surname joined by a dot or underscore. Also any handle after "username" / "logged in as" /
// "user" (a log's user field names a person).
const HANDLE = /(?<![\w.@/:-])(?:dr\.)?([a-z]{2,20})[._]([a-z]{2,20})(?:[._]?\d{1,4})?(?![\w@-]|\.[a-z])/g;
const HANDLE_GATE = /[a-z][._][a-z]/;
// Also a message's author, a Twilio Client identity ("client:mvega"), a task's assignee, and JSON keys for them.
const HANDLE_CUE = /\b(?:username|user ?name|user|logged in as|login|signed in as|by|for|handle|author|assignee|client)(?:["']?\s*[:=]|\s*[:=]?)\s*["']?([a-z][a-z0-9]*(?:[._][a-z0-9]+){0,2})(?![\w@.-]|\.[a-z])/gi;
// A staff handle with its role prefix ("agent_jcooper", "agent.lgarcia", "agent_sarah_kim").
// The word starts the token (checked in code: a leading look-behind would be tried at every position).
const ROLE_HANDLE = /\b(?:agent|staff|nurse|dr|rn|usr)[._]([a-z]{2,20}(?:[._][a-z]{2,20})?)(?![\w@-]|\.[a-z])/g;
const ROLE_HANDLE_GATE = /\b(?:agent|staff|nurse|dr|rn|usr)[._][a-z]/;

/** "jcooper", "lgarcia", "sbhattacharya": an initial and a listed surname that is no common word. Ours: how staff logins are made. */
function initialAndSurname(part: string, surnames: Set<string>): boolean {
  if (part.length < 4) return false;
  const family = CAPITALISE(part.slice(1));
  return surnames.has(family) && !isCommonWord(part.slice(1)) && !isNotName(family) && !isEnglishWord(part) && !isNotName(CAPITALISE(part));
}
const CAPITALISE = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function detectHandles(text: string, sink: Sink): void {
  const first = firstNameSet();
  const surnames = surnameSet();
  if (ROLE_HANDLE_GATE.test(text)) {
    for (const m of matches(ROLE_HANDLE, text)) {
      if (m.index > 0 && /[\w.@/-]/.test(text[m.index - 1] as string)) continue;
      const parts = (m[1] as string).split(/[._]/);
      // After a role prefix the surname may be a common word too ("agent_jcooper"), five letters at least.
      const one = parts[0] as string;
      const named = parts.length === 2 ? first.has(CAPITALISE(one)) && surnames.has(CAPITALISE(parts[1] as string)) : one.length >= 5 && surnames.has(CAPITALISE(one.slice(1))) && !isNotName(CAPITALISE(one.slice(1)));
      if (named) sink.push('NAME', m.index, m.index + m[0].length, 0.75);
    }
  }
  if (HANDLE_GATE.test(text)) {
    for (const m of matches(HANDLE, text)) {
      const a = CAPITALISE(m[1] as string);
      const b = CAPITALISE(m[2] as string);
      const given = first.has(a) && !isNotName(a);
      const family = surnames.has(b) && !isCommonWord(b) && !isNotName(b);
      if (given && family) sink.push('NAME', m.index, m.index + m[0].length, 0.75);
    }
  }
  for (const m of matches(HANDLE_CUE, text)) {
    const value = m[1] as string;
    const cue = m[0].slice(0, m[0].length - value.length).trim().toLowerCase();
    const strongCue = /^(?:username|user ?name|logged in as|signed in as|login|handle)/.test(cue);
    if (value.length < 4 || isCommonWord(value) || isNotName(CAPITALISE(value))) continue;
    // In prose ("login HTTP/1.1") a handle is typed in lower case; a key's value may be any case.
    if (!/[:=]/.test(cue) && value !== value.toLowerCase()) continue;
    // After "user"/"by"/"for" only a handle shaped like a name (first.last or a listed first name + letters).
    const parts = value.split(/[._]/);
    const nameShaped =
      (parts.length >= 2 && parts.some((p) => first.has(CAPITALISE(p)) || (surnames.has(CAPITALISE(p)) && !isCommonWord(p)))) ||
      // An initial and a surname only as a key's value ("user": "jcooper", "client:mvega"): in prose ("user login") too many words read so.
      (/[:=]/.test(cue) && parts.some((p) => initialAndSurname(p, surnames)));
    if (!strongCue && !nameShaped) continue;
    const [start, end] = groupSpan(m);
    sink.push('NAME', start, end, strongCue ? 0.8 : 0.7);
  }
}

// A one-word chat speaker: "[Amara] Boa tarde", "SMS: Rangi: kia ora", "| Pharmacist Tomás: yes",
// "Jamal 10:02: u guys", "WhatsApp — Gabriela: Doctora". The word must be a listed name, or at
// least no common word, and the colon or bracket must follow a line start or a chat separator.
const SPEAKER_WORD = /(?:^|[\]|—–>"]\s*|(?:SMS|Chat|WhatsApp|Pt|Patient|Caller|Customer|User|Agent|Nurse|Pharmacist|Supervisor|Rep|Staff)\b\s*[:—–-]?\s*|[.!?]\s+)(\p{Lu}[\p{Ll}\p{M}]+)(?:\s+\d{1,2}:\d{2})?:\s/gu;
const BRACKET_SPEAKER = /\[(\p{Lu}[\p{Ll}\p{M}]+)\]\s/gu;
// The word (or two) right before a capitalised word that make it a person: a role, a relation,
// a title, a greeting or a thanks, in the languages support text here is most often in.
const ROLE_BEFORE = new Set(
  `agent nurse pharmacist supervisor np pa therapist technician tech rep coordinator receptionist midwife doula chaplain
  interpreter uncle aunt auntie abuela abuelo grandma grandpa nana señora señor sra sr mme mlle madame monsieur herr frau
  signora signor mevrouw meneer pani pan merci gracias danke obrigado obrigada thanks dziękuję spasibo kiitos tack olá ola
  hola hi hello hey dear bonjour hallo ciao здравствуйте привет reminder
  son daughter wife husband mom mum dad mother father sister brother twins baby fils fille mari femme épouse époux
  hijo hija mamá papá esposo esposa marido filho filha mãe pai sohn tochter figlio figlia moglie marito syn córka żona mąż`.split(/\s+/),
);
const ROLE_BEFORE_TWO = new Set(['kia ora', 'no problem', 'of course', 'thank you', 'cảm ơn']);
const WORD_BEFORE = /([\p{L}\p{M}.]+)[\s,]+(?:([\p{L}\p{M}]+)[\s,]+)?$/u;

function roleBefore(text: string, at: number): boolean {
  const m = WORD_BEFORE.exec(text.slice(Math.max(0, at - 24), at));
  if (!m) return false;
  const last = (m[2] ?? m[1] as string).toLowerCase().replace(/\.$/, '');
  if (ROLE_BEFORE.has(last)) return true;
  return m[2] !== undefined && ROLE_BEFORE_TWO.has(`${(m[1] as string).toLowerCase()} ${m[2].toLowerCase()}`);
}
const NAME_WORD = /(?<![\p{L}\p{M}'’-])(\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}?[\p{Ll}\p{M}]+)?)(?![\p{L}\p{M}'’-])/gu;
const ROLE_WORDS = new Set(['Agent', 'Clinic', 'Bot', 'Patient', 'Pt', 'Caller', 'Customer', 'User', 'Nurse', 'Pharmacist', 'Supervisor', 'Staff', 'Front', 'Desk', 'Reception', 'Rep', 'Assistant', 'Assistent', 'Agente', 'Llamante', 'Rejestracja', 'Doctora', 'Doctor', 'Dra', 'Dr', 'System', 'Auto', 'Reply', 'Note', 'Subject', 'Transcript', 'Voicemail', 'Contact', 'Sms', 'Chat', 'Whatsapp', 'Mobile', 'Home', 'Work', 'Team', 'Billing', 'Support']);

// The word must be in the name lists: a line's first "Word:" is a label ("Radiology:",
// "Adresse:") far more often than a name, and a listed name that is a country ("Kenya:") is a place.
function speakerOk(word: string): boolean {
  if (ROLE_WORDS.has(word) || isNotName(word) || isRegion(word) || isCity(word)) return false;
  const folded = word.normalize('NFD').replace(/\p{M}/gu, '');
  if (firstNameSet().has(word) || firstNameSet().has(folded)) return true;
  return !isCommonWord(word) && word.length >= 3 && (surnameSet().has(word) || surnameSet().has(folded));
}

function detectSpeakersAndAddressees(text: string, sink: Sink): void {
  if (text.includes(':')) {
    for (const m of matches(SPEAKER_WORD, text)) {
      const word = m[1] as string;
      // At a line's start "Word:" is most often a label ("Row:", "Note:"): only a curated first name there.
      const lineStart = m.index === 0 && m[0].startsWith(word);
      if (!speakerOk(word) || (lineStart && (!firstNameSet().has(word) || isCommonWord(word)))) continue;
      const start = m.index + m[0].lastIndexOf(word);
      sink.push('NAME', start, start + word.length, 0.75);
    }
  }
  if (text.includes('[')) {
    for (const m of matches(BRACKET_SPEAKER, text)) {
      const word = m[1] as string;
      if (speakerOk(word)) sink.push('NAME', m.index + 1, m.index + 1 + word.length, 0.75);
    }
  }
  for (const m of matches(NAME_WORD, text)) {
    const word = m[1] as string;
    const role = roleBefore(text, m.index);
    // "Kenji here", "Krzysztof hier", "Fernanda aqui": a caller naming themself; "Eleanor, your
    // results" after a label or quote addresses someone; "-Marisol", "— Ines (front desk)" signs off.
    const after = text.slice(m.index + word.length, m.index + word.length + 8);
    const selfNamed = SELF_HERE.test(after) && SENTENCE_OR_LABEL.test(text.slice(Math.max(0, m.index - 3), m.index));
    const addressed = YOUR_AFTER.test(after) && SENTENCE_OR_LABEL.test(text.slice(Math.max(0, m.index - 3), m.index));
    const signed = SIGN_OFF_BEFORE.test(text.slice(Math.max(0, m.index - 3), m.index)) && SIGN_OFF_AFTER.test(after);
    const speaker = !ROLE_BEFORE.has(word.toLowerCase()) && SPEECH_AFTER.test(text.slice(m.index + word.length, m.index + word.length + 16)) && SENTENCE_OR_LABEL.test(text.slice(Math.max(0, m.index - 3), m.index));
    if (!role && !selfNamed && !addressed && !signed && !speaker) {
      // "Sato Kenta (father of pt)": the run of capitalised words before a relation in brackets.
      const run = FOLLOWING_NAME_WORDS.exec(text.slice(m.index + word.length, m.index + word.length + 60));
      const runEnd = m.index + word.length + (run ? run[0].length : 0);
      if (run && RELATION_AFTER.test(text.slice(runEnd, runEnd + 40)) && unlistedNameOk(word) && run[0].trim().split(/\s+/).every((w) => !isCommonWord(w) && !isNotName(w))) {
        sink.push('NAME', m.index, runEnd, 0.75);
      }
      continue;
    }
    if (role ? !speakerOk(word) : !unlistedNameOk(word)) continue;
    // The surname after it ("Pharmacist Lin Zhou", "Mme Aurélie Dubois-Lambert").
    const more = role ? FOLLOWING_NAME_WORDS.exec(text.slice(m.index + word.length, m.index + word.length + 60)) : null;
    const extra = more && (more[0].trim().split(/\s+/).every((w) => PARTICLE_WORDS.has(w) || (!isCommonWord(w) && !isNotName(w)))) ? more[0].length : 0;
    sink.push('NAME', m.index, m.index + word.length + extra, 0.7);
  }
}

const SELF_HERE = /^\s(?:here|hier|aqui|aquí|ici|qui)\b/u;
const YOUR_AFTER = /^,\s(?:your|you're|you|seu|sua|tu|su)\b/u;
const SENTENCE_OR_LABEL = /(?:^|[:"“'(.!?]\s?|^\s|,\s)$/u;
const SIGN_OFF_BEFORE = /(?:\s[-–—]\s?|^[-–—]\s?|\s-)$/u;
// A sign-off may carry the signer's role after a comma ("— Heather, Practice Manager").
const SIGN_OFF_AFTER = /^(?:\s*$|\s*["”)]|\s\(|\s*[-–—]\s|,\s\p{Lu})/u;
// "Gabriel said", "Lucía dice", "Amaka says": a sentence's first word before a verb of speech is
// the speaker. Ours; the word must be no common word, role or place.
const SPEECH_AFTER = /^\s(?:said|says|told|asked|replied|wrote|dice|dijo|disse|diz|a dit|dit|sagt|sagte|mówi|powiedział|powiedziała)\b/u;
// "Sato Kenta (father of pt)", "Ana Ruiz (pt's mother)": a name then the relation it names.
const RELATION_AFTER = /^\s*\((?:the\s+)?(?:pt'?s\s+|patient'?s\s+)?(?:mother|father|mom|mum|dad|son|daughter|wife|husband|sister|brother|guardian|caregiver|spouse|partner|grandmother|grandfather|aunt|uncle)\b/iu;
const FOLLOWING_NAME_WORDS = /^(?:\s+(?:(?:de|del|da|di|du|van|von|der|den|la|le|bin|al|el)\s+){0,2}\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?){1,2}/u;
const PARTICLE_WORDS = new Set(['de', 'del', 'da', 'di', 'du', 'van', 'von', 'der', 'den', 'la', 'le', 'bin', 'al', 'el']);

// Without a role word before it a capitalised word is a name only when no list says otherwise:
// not a role, place or common word (lists do not hold "Siddharth" or "Leilani").
function unlistedNameOk(word: string): boolean {
  return !ROLE_WORDS.has(word) && !isNotName(word) && !isCommonWord(word) && !isRegion(word) && !isCity(word) && word.length >= 3;
}

function detectNameForms(text: string, sink: Sink): void {
  // Spoken phone numbers hold no digit and so ride on a recognizer the engine does not digit-gate.
  detectSpokenPhones(text, sink);
  detectSelfIntroductions(text, sink);
  detectHonorifics(text, sink);
  detectHandles(text, sink);
  detectSpeakersAndAddressees(text, sink);
}

export const nameForms: Recognizer = { name: 'name-forms', types: ['NAME', 'PHONE', 'FAX'], minDigits: 0, detect: detectNameForms };
