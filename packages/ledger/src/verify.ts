// `chaperone ledger verify`: recomputes every leaf from the stored bytes and the tree head
// at every checkpoint, checks each checkpoint's signature, and that the ledger still
// extends a checkpoint kept elsewhere. Stops at the first problem and names it: the first
// bad entry's seq where the entries show it, else the checkpoint whose root no longer
// matches (the rewritten entry lies between the last good checkpoint and that one).
import { CompactRange, HASH_SIZE, parseCheckpoint } from './tlog/index.ts';
import { listCheckpoints, type StoredCheckpoint } from './checkpoint.ts';
import type { Ledger } from './store.ts';
import { RunRowsChecker } from './verify-projections.ts';
import { rangeResults, type RangeOptions } from './verify-threads.ts';

/** Opens a signed note with the ledger's verifier key: its text, or throws when the signature does not verify. */
export type NoteOpener = (note: string) => string;

export interface VerifyOptions extends RangeOptions {
  /** Opens notes signed by the ledger's key (from the verifier key bound to the ledger, or one the auditor holds). */
  open: NoteOpener;
  /** A signed checkpoint kept outside the ledger: the ledger must still extend it. */
  external?: string;
}

export type VerifyResult =
  | { ok: true; size: number; root: Uint8Array; checkpoints: number; /** entries after the latest checkpoint (not yet signed) */ unsigned: number; external?: number }
  | { ok: false; problem: string; seq?: number };

interface Expected {
  size: number;
  root: Uint8Array;
  what: string;
}

export async function verifyLedger(ledger: Ledger, options: VerifyOptions): Promise<VerifyResult> {
  const stored = await listCheckpoints(ledger);
  const expected: Expected[] = [];
  for (const c of stored) {
    const problem = checkNote(c.note, ledger.origin, options.open, c);
    if (problem) return { ok: false, problem: `checkpoint at size ${c.size}: ${problem}` };
    expected.push({ size: c.size, root: c.root, what: `checkpoint at size ${c.size}` });
  }
  let external: number | undefined;
  if (options.external !== undefined) {
    let text: string;
    try {
      text = options.open(options.external);
    } catch (error) {
      return { ok: false, problem: `the given checkpoint: ${(error as Error).message} (not signed by this ledger's key)` };
    }
    const parsed = safeParse(text);
    if (typeof parsed === 'string') return { ok: false, problem: `the given checkpoint: ${parsed}` };
    if (parsed.origin !== ledger.origin) return { ok: false, problem: `the given checkpoint is of another ledger (origin ${parsed.origin}, this one is ${ledger.origin})` };
    external = parsed.size;
    expected.push({ size: parsed.size, root: parsed.root, what: `the given checkpoint (size ${parsed.size})` });
  }
  expected.sort((a, b) => a.size - b.size);

  const range = new CompactRange();
  let next = 0;
  let lastGood = 0;
  const matchAt = (): string | undefined => {
    while (expected[next] && expected[next]!.size === range.size) {
      const e = expected[next]!;
      if (!equal(e.root, range.root())) return `${e.what} does not match entries 0..${e.size - 1}: an entry between seq ${lastGood} and ${e.size - 1} was rewritten`;
      lastGood = e.size;
      next++;
    }
    return undefined;
  };
  const first = matchAt(); // checkpoints of the empty tree
  if (first) return { ok: false, problem: first, seq: lastGood };
  const runRows = new RunRowsChecker(ledger);
  let projectionProblem: string | undefined;

  for await (const checked of rangeResults(ledger, await ledger.storedEnd(), options)) {
    for (let at = 0; at < checked.leaves.length; at += HASH_SIZE) {
      range.append(checked.leaves.subarray(at, at + HASH_SIZE));
      const mismatch = matchAt();
      if (mismatch) return { ok: false, problem: mismatch, seq: lastGood };
    }
    const bad = checked.entryProblem;
    if (bad && 'missing' in bad) {
      const stored = bad.next ?? (await ledger.nextSeq('ledger_entry', bad.missing));
      return { ok: false, problem: `entry seq ${bad.missing} is missing (the next stored entry is seq ${stored})`, seq: bad.missing };
    }
    if (bad) return { ok: false, problem: bad.problem, seq: bad.seq };
    projectionProblem ??= checked.projectionProblem;
    runRows.add(checked.runRows);
  }
  const size = range.size;
  if (expected[next]) {
    const e = expected[next]!;
    return { ok: false, problem: `the ledger ends at ${size} entries but ${e.what} covers ${e.size}: entries from seq ${size} were removed`, seq: size };
  }
  const head = await ledger.head();
  if (head.size !== size) return { ok: false, problem: `the stored tree head counts ${head.size} entries but ${size} are stored (entries from seq ${Math.min(head.size, size)} were added or removed)`, seq: Math.min(head.size, size) };
  if (!equal(head.root, range.root())) return { ok: false, problem: `the stored tree head does not match the entries (an entry after seq ${lastGood} was rewritten, or the head was)`, seq: lastGood };
  // The entries are intact: now the query tables read by history, diff and the dashboard.
  const problem = projectionProblem ?? (await runRows.finish(size));
  if (problem) return { ok: false, problem };
  const latest = stored.at(-1)?.size ?? 0;
  return { ok: true, size, root: range.root(), checkpoints: stored.length, unsigned: size - latest, ...(external !== undefined ? { external } : {}) };
}

function checkNote(note: string, origin: string, open: NoteOpener, row: StoredCheckpoint): string | undefined {
  let text: string;
  try {
    text = open(note);
  } catch (error) {
    return `its signature does not verify with the ledger's key (${(error as Error).message})`;
  }
  const parsed = safeParse(text);
  if (typeof parsed === 'string') return parsed;
  if (parsed.origin !== origin) return `it names origin ${parsed.origin}, not this ledger's ${origin}`;
  if (parsed.size !== row.size) return `its signed size ${parsed.size} differs from the stored ${row.size}`;
  if (!equal(parsed.root, row.root)) return 'its signed root differs from the stored root';
  return undefined;
}

function safeParse(text: string): { origin: string; size: number; root: Uint8Array } | string {
  try {
    const parsed = parseCheckpoint(text);
    return { origin: parsed.origin, size: parsed.size, root: parsed.rootHash };
  } catch (error) {
    return `not a checkpoint (${(error as Error).message})`;
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}
