// The output columns of a SELECT: enough SQL to tell `SELECT *` from an explicit column list
// and to name each output column (alias, or the last identifier of a column reference).
// Hand-written: SQL parsers on npm target full dialects and are far heavier than this
// question needs; anything this reader does not understand is reported as not parsed, so a
// check can say so instead of guessing.

export type SelectColumns =
  | { kind: 'star'; columns: string[] }
  | { kind: 'columns'; columns: string[] }
  | { kind: 'unparsed'; reason: string };

/** Splits on commas at parenthesis depth 0, outside quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const ch of text) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/** Index of the top-level keyword (FROM) after the select list, or -1. */
function topLevelKeyword(text: string, keyword: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  const re = new RegExp(`^${keyword}\\b`, 'i');
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (depth === 0 && /\s/.test(text[i - 1] ?? ' ') && re.test(text.slice(i))) return i;
  }
  return -1;
}

const unquote = (name: string) => name.replace(/^["`[]|["`\]]$/g, '');

function outputName(expression: string): string | undefined {
  const alias = /\s+as\s+("[^"]+"|`[^`]+`|[A-Za-z_][\w$]*)\s*$/i.exec(expression);
  if (alias) return unquote(alias[1]!).toLowerCase();
  const bareAlias = /^[\w$."`]+\s+("[^"]+"|`[^`]+`|[A-Za-z_][\w$]*)\s*$/.exec(expression);
  if (bareAlias) return unquote(bareAlias[1]!).toLowerCase();
  const reference = /^(?:[\w$]+\.|"[^"]+"\.)*("[^"]+"|`[^`]+`|[A-Za-z_][\w$]*)$/.exec(expression.trim());
  if (reference) return unquote(reference[1]!).toLowerCase();
  return undefined;
}

/** The output columns of the outermost SELECT (after any WITH clause). */
export function selectColumns(sql: string): SelectColumns {
  const text = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').trim();
  let start = 0;
  if (/^with\b/i.test(text)) {
    // Skip CTEs: the outer SELECT is the first top-level SELECT after them.
    start = topLevelKeyword(text, 'select', 4);
    if (start < 0) return { kind: 'unparsed', reason: 'no outer SELECT after WITH' };
  } else if (!/^select\b/i.test(text)) return { kind: 'unparsed', reason: 'not a SELECT statement' };
  const listStart = start + 'select'.length;
  const fromAt = topLevelKeyword(text, 'from', listStart);
  const list = text.slice(listStart, fromAt < 0 ? undefined : fromAt).replace(/^\s*(distinct|all)\b/i, '');
  const expressions = splitTopLevel(list);
  if (expressions.length === 0) return { kind: 'unparsed', reason: 'empty select list' };
  const columns: string[] = [];
  let star = false;
  for (const expression of expressions) {
    if (/^(?:[\w$"`]+\.)?\*$/.test(expression.replace(/\s+/g, ''))) {
      star = true;
      continue;
    }
    const name = outputName(expression);
    if (!name) return { kind: 'unparsed', reason: `cannot name the column "${expression.slice(0, 40)}"` };
    columns.push(name);
  }
  return star ? { kind: 'star', columns } : { kind: 'columns', columns };
}
