import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LedgerInputError, NoteVerificationError, generateNoteKey, noteKeyFromSeed, openNote, signNote } from '../../src/tlog/index.ts';

// Known answers from Go's reference implementation (see ../vectors/README.md).
interface GoVectors {
  peterSignerKey: string;
  peterVerifierKey: string;
  enochVerifierKey: string;
  badVerifierKeys: string[];
  text: string;
  peterSignature: string;
  enochSignature: string;
  signedByPeter: string;
}
const go = JSON.parse(readFileSync(new URL('../vectors/go-sumdb-note/note-vectors.json', import.meta.url), 'utf8')) as GoVectors;

function reasonOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NoteVerificationError) return e.reason;
    if (e instanceof LedgerInputError) return 'input';
    throw e;
  }
  return 'opened';
}

describe('signed notes against golang.org/x/mod/sumdb/note', () => {
  it('signNote reproduces Go’s signed note byte for byte (Ed25519 is deterministic)', () => {
    expect(signNote(go.text, go.peterSignerKey)).toBe(go.signedByPeter);
  });

  it('derives Go’s verifier key and key id from the signer key’s seed', () => {
    const seed = Buffer.from(go.peterSignerKey.split('+').slice(4).join('+'), 'base64').subarray(1);
    expect(noteKeyFromSeed('PeterNeumann', seed)).toEqual({ signerKey: go.peterSignerKey, verifierKey: go.peterVerifierKey });
  });

  it('openNote accepts Go’s note, also with a cosignature by a key it does not hold', () => {
    expect(openNote(go.signedByPeter, go.peterVerifierKey)).toEqual({ text: go.text });
    expect(openNote(`${go.text}\n${go.peterSignature}${go.enochSignature}`, go.peterVerifierKey)).toEqual({ text: go.text });
    expect(openNote(`${go.text}\n${go.peterSignature}${go.enochSignature}`, go.enochVerifierKey)).toEqual({ text: go.text });
  });

  it('says "unknown key" when the note is not signed by ours', () => {
    expect(reasonOf(() => openNote(`${go.text}\n${go.enochSignature}`, go.peterVerifierKey))).toBe('unknown key');
    expect(reasonOf(() => openNote(go.signedByPeter.replace('PeterNeumann', 'CarmenSandiego'), go.peterVerifierKey))).toBe('unknown key');
    expect(reasonOf(() => openNote(go.signedByPeter.replace('x08g', 'xxxx'), go.peterVerifierKey))).toBe('unknown key');
  });

  it('says "bad signature" for Go’s corrupted signature and for an edited text', () => {
    const sig = go.peterSignature;
    expect(reasonOf(() => openNote(`${go.text}\n${sig.slice(0, 60)}ABCD${sig.slice(60)}`, go.peterVerifierKey))).toBe('bad signature');
    expect(reasonOf(() => openNote(go.signedByPeter.replace('cryptography', 'cryptographY'), go.peterVerifierKey))).toBe('bad signature');
  });

  it('says "malformed" for each of Go’s malformed notes', () => {
    const { text, peterSignature: sig } = go;
    const bad = [
      text,
      `${text}\n`,
      `${text}\n${sig.slice(0, -1)}`,
      `\u0001${text}\n${sig}`,
      `${text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${text}\n${sig}Unexpected line.\n`,
      `${text}\n${sig.repeat(101)}`,
      `\uD800${text}\n${sig}`,
    ];
    for (const note of bad) expect(reasonOf(() => openNote(note, go.peterVerifierKey)), JSON.stringify(note)).toBe('malformed');
  });

  it('refuses Go’s bad verifier keys, and mangled forms of the good ones', () => {
    for (const key of go.badVerifierKeys) expect(reasonOf(() => openNote(go.signedByPeter, key))).toBe('input');
    const v = go.peterVerifierKey;
    for (let i = 0; i < v.length; i++) {
      const mangled = v.slice(0, i) + String.fromCharCode(v.charCodeAt(i) + 1) + v.slice(i + 1);
      expect(reasonOf(() => openNote(go.signedByPeter, mangled)), mangled).not.toBe('opened');
    }
    expect(reasonOf(() => openNote(go.signedByPeter, go.peterSignerKey))).toBe('input');
    const s = go.peterSignerKey;
    for (let i = 0; i < s.length; i++) {
      const mangled = s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) + 1) + s.slice(i + 1);
      expect(() => signNote(go.text, mangled), `position ${i}`).toThrow(LedgerInputError);
    }
  });

  it('never puts the signer key, or its seed, into an error message', () => {
    const parts = go.peterSignerKey.split('+');
    const secrets = [parts.slice(4).join('+'), Buffer.from(parts.slice(4).join('+'), 'base64').subarray(1).toString('base64')];
    const messages: string[] = [];
    for (const key of [go.peterSignerKey.replace('c74f20a3', 'c74f20a4'), go.peterSignerKey.replace('PeterNeumann', 'Peter Neumann'), `${go.peterSignerKey}=`]) {
      try {
        signNote(go.text, key);
      } catch (e) {
        messages.push((e as Error).message);
      }
    }
    try {
      signNote('no newline', go.peterSignerKey);
    } catch (e) {
      messages.push((e as Error).message);
    }
    expect(messages).toHaveLength(4);
    for (const m of messages) for (const secret of secrets) expect(m).not.toContain(secret);
  });
});

describe('generateNoteKey', () => {
  it('makes keys in the note encodings that sign and open', () => {
    const { signerKey, verifierKey } = generateNoteKey('chaperone.example/ledger');
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+chaperone\.example\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKey).toMatch(/^chaperone\.example\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(signerKey.split('+')[3]).toBe(verifierKey.split('+')[1]);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((t) => [...t].every((c) => c.charCodeAt(0) >= 0x20)), (line) => {
        const text = `${line}\n`;
        expect(openNote(signNote(text, signerKey), verifierKey)).toEqual({ text });
      }),
      { numRuns: 50 },
    );
    expect(reasonOf(() => openNote(signNote('a\n', signerKey), generateNoteKey('chaperone.example/ledger').verifierKey))).toBe('unknown key');
  });

  it.each(['', 'has space', 'a+b', 'tab\there', 'nel\u0085x'])('refuses the key name %j', (name) => {
    expect(() => generateNoteKey(name)).toThrow(LedgerInputError);
  });
});
