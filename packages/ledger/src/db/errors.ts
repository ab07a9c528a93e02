// Store errors as one line a person can act on (no SQL, no stack), for every path that talks
// to a database (db/open.ts through Kysely, the writer thread's own SQLite connection). Loads
// no driver.
import { LedgerError } from '../errors.ts';
import { describeLocation, type LedgerLocation } from '../location.ts';

/** Store errors as one line a person can act on (no SQL, no stack). Other errors pass through. */
export function translateDbError(location: LedgerLocation, error: unknown): unknown {
  if (error instanceof LedgerError) return error;
  const where = describeLocation(location);
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '55P03') {
    return new LedgerError(`${where} is locked by another process (a scan or verify still running?); wait for it to finish, then run again`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new LedgerError(`${where} is corrupt or not a SQLite database (${code}); nothing was changed: restore it from a backup or point --ledger elsewhere`);
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'EACCES') return new LedgerError(`cannot open ${where} for writing (${code}); check the directory exists and is writable`);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN') return new LedgerError(`cannot reach PostgreSQL at ${where} (${code}); check the URL and that the server runs`);
  if (code === '28P01' || code === '28000') return new LedgerError(`PostgreSQL refused the credentials in ${where} (${code}); check the user and password of the URL`);
  if (code === '3D000') return new LedgerError(`PostgreSQL has no such database in ${where}; create it or fix the URL`);
  if (code === '42501') return new LedgerError(`PostgreSQL refused access to the ledger in ${where} (permission denied); grant the user rights on its schema`);
  if (/connection terminated|timeout exceeded when trying to connect/i.test(message)) return new LedgerError(`cannot reach PostgreSQL at ${where} (${message.split('\n')[0]}); check the URL and that the server runs`);
  return error;
}
