// The storage-free transparency-log core of the ledger: canonical entry bytes (RFC 8785),
// RFC 9162 Merkle hashing, tree heads and proofs, C2SP checkpoints and signed notes.
// Everything here is pure except the key-file helpers.
export { LedgerInputError, NoteVerificationError } from './errors.ts';
export { canonicalBytes, canonicalText, isCanonicalJson, sortedJsonCopy } from './canonical.ts';
export { EMPTY_ROOT, HASH_SIZE, leafHash, nodeHash } from './hash.ts';
export { rootOf } from './root.ts';
export { CompactRange, type CompactRangeJSON } from './compact-range.ts';
export { inclusionProof, verifyInclusion } from './inclusion.ts';
export { consistencyProof, verifyConsistency } from './consistency.ts';
export { type Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint.ts';
export { type NoteKeyPair, generateNoteKey, keyIdOf, noteKeyFromSeed } from './note-key.ts';
export { openNote, signNote } from './note.ts';
export { createKeyFile, readSignerKey, readVerifierKey } from './key-file.ts';
