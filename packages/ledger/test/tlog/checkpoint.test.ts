import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Checkpoint, LedgerInputError, formatCheckpoint, parseCheckpoint } from '../../src/tlog/index.ts';

const root = Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex');

describe('C2SP tlog-checkpoint', () => {
  it('formats origin, size and base64 root, one line each', () => {
    expect(formatCheckpoint({ origin: 'chaperone.example/ledger', size: 8, rootHash: root, extensions: [] })).toBe(
      'chaperone.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n',
    );
  });

  it('round-trips any checkpoint', () => {
    const line = fc.string({ minLength: 1 }).filter((s) => !s.includes('\n'));
    fc.assert(
      fc.property(line, fc.maxSafeNat(), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.array(line, { maxLength: 3 }), (origin, size, hash, extensions) => {
        const c: Checkpoint = { origin, size, rootHash: Buffer.from(hash), extensions };
        expect(parseCheckpoint(formatCheckpoint(c))).toEqual(c);
      }),
    );
  });

  const good = 'o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n';
  it('parses extension lines', () => {
    expect(parseCheckpoint(`${good}ext one\n`).extensions).toEqual(['ext one']);
  });

  it.each([
    ['no final newline', good.slice(0, -1), 'newline'],
    ['two lines', 'o\n8\n', 'three lines'],
    ['empty origin', good.replace(/^o/, ''), 'line 1'],
    ['leading zero', good.replace('\n8\n', '\n08\n'), 'line 2'],
    ['signed size', good.replace('\n8\n', '\n+8\n'), 'line 2'],
    ['hex size', good.replace('\n8\n', '\n0x8\n'), 'line 2'],
    ['size past 2^53', good.replace('\n8\n', '\n9007199254740993\n'), 'line 2'],
    ['empty size', good.replace('\n8\n', '\n\n'), 'line 2'],
    ['url-safe base64', good.replace('+Nw7/', '-Nw7_'), 'line 3'],
    ['short hash', good.replace('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=', 'AAAA'), 'line 3'],
    ['unpadded hash', good.replace('Qyg=', 'Qyg'), 'line 3'],
    ['non-canonical base64 (stray low bits)', good.replace('Qyg=', 'Qyh='), 'line 3'],
    ['empty extension', `${good}\n`, 'line 4'],
    ['CRLF', good.replace(/\n/g, '\r\n'), 'line'],
  ])('refuses %s', (_name, text, where) => {
    expect(() => parseCheckpoint(text)).toThrow(LedgerInputError);
    expect(() => parseCheckpoint(text)).toThrow(where);
  });

  it.each([
    ['origin with a newline', { origin: 'a\nb', size: 1, rootHash: root, extensions: [] }],
    ['empty origin', { origin: '', size: 1, rootHash: root, extensions: [] }],
    ['negative size', { origin: 'o', size: -1, rootHash: root, extensions: [] }],
    ['short hash', { origin: 'o', size: 1, rootHash: root.subarray(1), extensions: [] }],
    ['empty extension', { origin: 'o', size: 1, rootHash: root, extensions: [''] }],
  ])('formatCheckpoint refuses %s', (_name, c) => {
    expect(() => formatCheckpoint(c)).toThrow(LedgerInputError);
  });
});
