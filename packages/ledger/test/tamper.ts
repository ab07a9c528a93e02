// What an attacker with write access to the database does first: drop the triggers that
// keep ledger_entry and ledger_checkpoint append-only.
import { sql } from 'kysely';
import type { Ledger } from '../src/index.ts';

export async function dropAppendOnlyTriggers(ledger: Ledger): Promise<void> {
  const statements =
    ledger.dialect === 'sqlite'
      ? ['ledger_entry', 'ledger_checkpoint'].flatMap((t) => [`drop trigger ${t}_no_update`, `drop trigger ${t}_no_delete`])
      : ['ledger_entry', 'ledger_checkpoint'].flatMap((t) => [`drop trigger ${t}_append_only on ${t}`, `drop trigger ${t}_no_truncate on ${t}`]);
  for (const s of statements) await sql.raw(s).execute(ledger.db);
}
