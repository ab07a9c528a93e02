// A fresh ledger location (SQLite file or PostgreSQL schema) with a CLI bound to it: what the
// ledger's CLI tests start from. Cleaned up by the caller's afterEach.
import { join } from 'node:path';
import { main } from '../src/main.ts';
import { captureIO } from '../../scan/test/integration/twin-scan.ts';
import type { Backend } from '../../ledger/test/backends.ts';

export async function ledgerWorkspace(backend: Backend, cleanups: (() => Promise<void>)[], keyPath = 'ledger.key') {
  const f = await backend.fresh();
  cleanups.push(f.cleanup);
  const env = { CHAPERONE_LEDGER: f.location, CHAPERONE_LEDGER_KEY: join(f.dir, keyPath) };
  const cli = async (...argv: string[]) => {
    const io = captureIO(env, f.dir);
    const code = await main(argv, io);
    return { code, out: io.out, err: io.err };
  };
  return { ...f, env, cli };
}
