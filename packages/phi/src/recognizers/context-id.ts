// Identifiers that only a context word tells apart from any other code: "MRN 00482913",
// "member ID XK-2231", "acct 00012345678". Each type's recognizer builds its rule here, so
// every context rule reads the value the same way.
import type { PhiType } from '../types.ts';
import { groupSpan, HAS_DIGIT, matches, type Sink } from './shared.ts';

/** An id value: 4-25 letters, digits and dashes, at least one digit. */
export const ID = '((?=[A-Z-]*\\d)[A-Z0-9][A-Z0-9-]{3,24})\\b';
/** An id value printed in groups ("XWD 448 193 027", "TREM 8452 1175"): up to five space-separated groups of 2-10. */
// Also slash-separated with a letter prefix ("NHIS/LAG/00482211", "HYG/2291/0442"), as Nigerian HMOs print them.
export const ID_SPACED = '((?=[A-Z -]*\\d)(?=[A-Z0-9 -]{4})(?:\\d(?= \\d)|[A-Z0-9][A-Z0-9-]{1,24})(?: (?=[A-Z0-9-]*\\d)[A-Z0-9-]{2,14}){0,4}|[A-Z]{2,6}(?:/[A-Z0-9]{2,12}){1,3})\\b(?!/\\d)';
// "MRN-00917734" and "ACCT-0098812345" glue the context word to the value with a dash.
export const SEP = '\\s*(?:number|num|no\\.?|#|id)?\\s*(?:is\\s+|was\\s+)?[:#=-]?\\s*#?\\s*';

export interface ContextRule {
  type: PhiType;
  /** Context words then the value as group 1; flags `gi`. */
  re: RegExp;
  confidence: number;
}

// One scan for any context word of any rule; most log lines have none and skip every rule.
// Memoised on the text: every identifier recognizer asks about the same line in turn.
const ANY_ID_CONTEXT =
  /\b(?:mrn|mr#|medical|chart|charts|hospital|record|patient|pt|member|subscriber|policy|insurance|medicaid|medicare|beneficiary|health|group|grp|plan|mbi|hicn|bcbs|philhealth|sanitaria|versichertennummer|sus|imss|ohip|nhs|reg|registration|passport|dni|account|acct|a\/c|billing|bank|iban|routing|aba|driver|driving|c?dl|licen[cs]e|lic|certificate|cert|permit|passport|plate|tag|serial|s\/n|sn|device|imei|meid|udi|implant|npi|dea|hmo|ppo|tricare|dbn|phn|ahcip|chi|nhis|nss|krankenversichertennummer|aetna|cigna|humana|anthem|kaiser|uhc|unitedhealthcare|molina|ambetter|wellcare|kennzeichen|pasaporte|passeport|reisepass|passaporte|paszport|passaporto|führerschein|permis|licencia|carteira|cnh|patente|rijbewijs|prawo|körkort|csn|fin|dossier|rec|matr[íi]cula|placa|plaque|targa|kenteken)\b/i;
let lastText: string | undefined;
let lastAnswer = false;

export function hasIdContext(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastAnswer = ANY_ID_CONTEXT.test(text);
  }
  return lastAnswer;
}

/** Pushes the value after each context word of `rule` (values without a digit are skipped). */
export function applyContextRule(rule: ContextRule, text: string, sink: Sink): void {
  // Its own loop, not `matches`: a retry moves lastIndex back while the scan goes on. A rule's
  // match is never empty (it holds its context word).
  const re = rule.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (!HAS_DIGIT.test(m[1] as string)) {
      // "insurance member ID 123": the first context word swallowed the second; retry after it.
      re.lastIndex = m.index + 1;
      continue;
    }
    const [start, end] = groupSpan(m);
    sink.push(rule.type, start, end, rule.confidence);
  }
}

// DEA numbers (9), MBIs (11, or 13 with dashes) and VINs (17) are upper-case/digit tokens: one
// scan finds them all for the line, each recognizer takes the lengths it validates.
const ID_TOKEN = /\b[A-Z0-9][A-Z0-9-]{8,16}\b/g;
let tokensText: string | undefined;
let tokens: { index: number; token: string }[] = [];

export function idTokens(text: string): readonly { index: number; token: string }[] {
  if (text !== tokensText) {
    tokensText = text;
    tokens = [];
    for (const m of matches(ID_TOKEN, text)) tokens.push({ index: m.index, token: m[0] });
  }
  return tokens;
}
