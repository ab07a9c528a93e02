// Labelled eval lines are written inline: `Patient {{NAME|Maria Lopez}} at {{OP|2024-03-05T12:00:00Z}}`.
// TYPE is a PhiType (gold PHI) or OP (an operational token that must come out untouched).
import type { PhiType } from '../src/types.ts';

export interface LabelledSpan {
  type: PhiType | 'OP';
  start: number;
  end: number;
  value: string;
}

export interface EvalCase {
  text: string;
  gold: LabelledSpan[];
  /** Where the case came from (file:line), for failure listings. */
  source: string;
}

const OPEN = /\{\{([A-Z_]+)\|/g;

export function parseMarkup(line: string, source: string): EvalCase {
  let text = '';
  const gold: LabelledSpan[] = [];
  let at = 0;
  OPEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPEN.exec(line)) !== null) {
    const close = line.indexOf('}}', OPEN.lastIndex);
    if (close < 0) throw new Error(`${source}: "{{${m[1]}|" has no closing "}}"`);
    text += line.slice(at, m.index);
    const value = line.slice(OPEN.lastIndex, close);
    gold.push({ type: m[1] as PhiType | 'OP', start: text.length, end: text.length + value.length, value });
    text += value;
    at = close + 2;
    OPEN.lastIndex = at;
  }
  text += line.slice(at);
  return { text, gold, source };
}

/** Cases from a markup file's text: one per non-empty line; lines starting with `#` are comments. */
export function parseMarkupFile(content: string, name: string): EvalCase[] {
  const cases: EvalCase[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    cases.push(parseMarkup(line, `${name}:${i + 1}`));
  });
  return cases;
}
