// FQL tokenizer. Written by hand: the only npm FQL lexer (`@segment/fql-ts`) is licensed
// "Proprietary", and the grammar is small (research notes B5).
import { FqlSyntaxError } from './ast.ts';

export type Token =
  | { type: 'string'; value: string; offset: number }
  | { type: 'number'; value: number; offset: number }
  | { type: 'ident'; value: string; offset: number }
  | { type: 'op'; value: '=' | '!=' | '<' | '<=' | '>' | '>=' | '!'; offset: number }
  | { type: 'punct'; value: '(' | ')' | '[' | ']' | ',' | '.'; offset: number }
  | { type: 'eof'; offset: number };

const IDENT_START = /[A-Za-z_$@]/;
const IDENT_PART = /[A-Za-z0-9_$@-]/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= source.length) throw new FqlSyntaxError('unterminated string', start);
        const c = source[i]!;
        if (c === '\\' && i + 1 < source.length) {
          value += source[i + 1];
          i += 2;
          continue;
        }
        if (c === ch) {
          i += 1;
          break;
        }
        value += c;
        i += 1;
      }
      tokens.push({ type: 'string', value, offset: start });
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ type: 'number', value: Number(m[0]), offset: start });
      i += m[0].length;
      continue;
    }
    if (IDENT_START.test(ch) || ch === '\\') {
      // Identifiers are path segments or keywords; a backslash escapes the next
      // character, which is how FQL spells keys with spaces or dots (`properties.product\ 1`).
      let value = '';
      while (i < source.length) {
        const c = source[i]!;
        if (c === '\\') {
          if (i + 1 >= source.length) throw new FqlSyntaxError('dangling escape', i);
          value += source[i + 1];
          i += 2;
        } else if (IDENT_PART.test(c)) {
          value += c;
          i += 1;
        } else break;
      }
      tokens.push({ type: 'ident', value, offset: start });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ type: 'op', value: two, offset: start });
      i += 2;
      continue;
    }
    if (ch === '=' || ch === '<' || ch === '>' || ch === '!') {
      tokens.push({ type: 'op', value: ch, offset: start });
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '[' || ch === ']' || ch === ',' || ch === '.') {
      tokens.push({ type: 'punct', value: ch, offset: start });
      i += 1;
      continue;
    }
    throw new FqlSyntaxError(`unexpected character ${JSON.stringify(ch)}`, start);
  }
  tokens.push({ type: 'eof', offset: source.length });
  return tokens;
}
