// A verify thread: one read connection per verify run it takes part in, one range checked per
// message, in the order asked. The threads outlive a run (verify-threads.ts keeps them,
// unreferenced), so a second verify does not pay their start-up again.
import { parentPort } from 'node:worker_threads';
import type { LedgerLocation } from './location.ts';
import { Ledger } from './store.ts';
import { checkRange } from './verify-range.ts';

export type ToVerifyThread =
  | { op: 'check'; run: number; location: LedgerLocation; lockTimeoutMs: number; from: number; to: number }
  | { op: 'end'; run: number };

const port = parentPort!;
const ledgers = new Map<number, Promise<Ledger>>();
let chain: Promise<void> = Promise.resolve();

port.on('message', (message: ToVerifyThread) => {
  chain = chain.then(async () => {
    if (message.op === 'end') {
      const ledger = ledgers.get(message.run);
      ledgers.delete(message.run);
      await ledger?.then((l) => l.close()).catch(() => undefined);
      return;
    }
    try {
      let ledger = ledgers.get(message.run);
      if (!ledger) ledgers.set(message.run, (ledger = Ledger.open(message.location, { lockTimeoutMs: message.lockTimeoutMs })));
      const result = await checkRange(await ledger, message.from, message.to);
      port.postMessage({ run: message.run, from: message.from, result }, [result.leaves.buffer as ArrayBuffer]);
    } catch (error) {
      // A failed open or check: the next range of this run opens afresh (a connection that did open is closed).
      void ledgers.get(message.run)?.then((l) => l.close()).catch(() => undefined);
      ledgers.delete(message.run);
      port.postMessage({ run: message.run, from: message.from, error: (error instanceof Error ? error.message : String(error)).split('\n')[0] });
    }
  });
});
