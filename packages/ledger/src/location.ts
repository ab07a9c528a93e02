// Where a ledger lives: a SQLite file (the default, `.chaperone/ledger.db`) or a PostgreSQL
// database named by a postgres:// URL. `?schema=NAME` on the URL keeps the ledger in its own
// schema (teams share a database; tests give each run its own schema).
import { resolve } from 'node:path';
import { LedgerError } from './errors.ts';

export const DEFAULT_LEDGER_PATH = '.chaperone/ledger.db';

/** How long a write waits for another writer before giving up as locked, unless told (5 s). */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

export type LedgerLocation =
  | { kind: 'sqlite'; path: string }
  /** `url` without the schema parameter; `display` has no password. */
  | { kind: 'postgres'; url: string; schema: string; display: string };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function parseLedgerLocation(value: string, cwd: string): LedgerLocation {
  const text = value.trim();
  if (text === '') throw new LedgerError('the ledger location is empty; give a file path or a postgres:// URL');
  if (/^postgres(ql)?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new LedgerError('the ledger location is not a valid postgres:// URL; write postgres://USER@HOST:PORT/DATABASE');
    }
    const schema = url.searchParams.get('schema') ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new LedgerError(`the ledger URL's schema parameter must be a lower-case SQL name (letters, digits, _), e.g. ?schema=chaperone`);
    url.searchParams.delete('schema');
    const display = new URL(url.href);
    if (display.password) display.password = '***';
    return { kind: 'postgres', url: url.href, schema, display: `${display.href}${schema === 'public' ? '' : `${display.search ? '&' : '?'}schema=${schema}`}` };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new LedgerError(`the ledger location must be a file path or a postgres:// URL, not a ${text.split(':')[0]}: URL`);
  return { kind: 'sqlite', path: resolve(cwd, text) };
}

/** How a location is named in messages: the path, or the URL without its password. */
export function describeLocation(location: LedgerLocation): string {
  return location.kind === 'sqlite' ? location.path : location.display;
}
