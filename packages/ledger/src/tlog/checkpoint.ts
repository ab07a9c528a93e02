// The C2SP tlog-checkpoint body (https://c2sp.org/tlog-checkpoint): origin, tree size and root
// hash, one per line, then optional extension lines. This is the text a signed note signs.
// Parsing is strict so that exactly one byte string stands for each checkpoint.
import { LedgerInputError } from './errors.ts';
import { HASH_SIZE } from './hash.ts';

export interface Checkpoint {
  /** Names the log; also the signer's key name in the signed note. */
  origin: string;
  size: number;
  rootHash: Buffer;
  /** Extra lines after the root hash; the spec does not recommend them. */
  extensions: string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const BASE64_HASH = /^[A-Za-z0-9+/]{43}=$/;

export function formatCheckpoint(c: Checkpoint): string {
  if (!isLine(c.origin)) throw new LedgerInputError('checkpoint origin: must be a non-empty line without a newline');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new LedgerInputError('checkpoint size: must be a non-negative safe integer');
  if (!(c.rootHash instanceof Uint8Array) || c.rootHash.length !== HASH_SIZE) throw new LedgerInputError(`checkpoint root hash: must be ${HASH_SIZE} bytes`);
  c.extensions.forEach((e, i) => {
    if (!isLine(e)) throw new LedgerInputError(`checkpoint extension ${i + 1}: must be a non-empty line without a newline`);
  });
  return [c.origin, String(c.size), Buffer.from(c.rootHash).toString('base64'), ...c.extensions].map((l) => `${l}\n`).join('');
}

/** Parses a checkpoint body (the note text, without signatures); throws LedgerInputError naming the line that is wrong. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new LedgerInputError('checkpoint: every line must end with a newline, the last one too');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new LedgerInputError('checkpoint: needs at least three lines (origin, size, root hash)');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (!isLine(origin)) throw new LedgerInputError('checkpoint line 1 (origin): must not be empty');
  if (!DECIMAL.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new LedgerInputError('checkpoint line 2 (size): must be a decimal integer without leading zeros, below 2^53');
  }
  const rootHash = Buffer.from(root, 'base64');
  if (!BASE64_HASH.test(root) || rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== root) {
    throw new LedgerInputError(`checkpoint line 3 (root hash): must be a ${HASH_SIZE}-byte hash in standard base64`);
  }
  extensions.forEach((e, i) => {
    if (!isLine(e)) throw new LedgerInputError(`checkpoint line ${i + 4} (extension): must not be empty`);
  });
  return { origin, size: Number(size), rootHash, extensions };
}

function isLine(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && !s.includes('\n');
}
