import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { LedgerInputError, canonicalBytes, isCanonicalJson } from '../../src/tlog/index.ts';
import { canonicalText, sortedJsonCopy } from '../../src/tlog/canonical.ts';

const jcs = new URL('../vectors/rfc8785-jcs/', import.meta.url);
const cases = readdirSync(new URL('input/', jcs)).filter((f) => f.endsWith('.json'));

describe('canonicalBytes against the cyberphone RFC 8785 vectors', () => {
  it('has the vectors', () => expect(cases.length).toBe(6));
  it.each(cases)('%s', (file) => {
    const input: unknown = JSON.parse(readFileSync(new URL(`input/${file}`, jcs), 'utf8'));
    const expected = readFileSync(new URL(`output/${file}`, jcs));
    expect(Buffer.from(canonicalBytes(input)).equals(expected)).toBe(true);
  });
});

describe('canonicalBytes numbers: the first 1000 lines of the cyberphone ES6 number test file', () => {
  // The generator below is the JavaScript of rfc8785-jcs's upstream README (testdata/README.md),
  // which also gives the SHA-256 of the file's first 1000 lines ("hex-ieee,expected\n").
  it('hash to be18b62b…', () => {
    const statics = new BigUint64Array([
      0x0000000000000000n, 0x8000000000000000n, 0x0000000000000001n, 0x8000000000000001n, 0xc46696695dbd1cc3n, 0xc43211ede4974a35n, 0xc3fce97ca0f21056n, 0xc3c7213080c1a6acn,
      0xc39280f39a348556n, 0xc35d9b1f5d20d557n, 0xc327af4c4a80aaacn, 0xc2f2f2a36ecd5556n, 0xc2be51057e155558n, 0xc28840d131aaaaacn, 0xc253670dc1555557n, 0xc21f0b4935555557n,
      0xc1e8d5d42aaaaaacn, 0xc1b3de4355555556n, 0xc17fca0555555556n, 0xc1496e6aaaaaaaabn, 0xc114585555555555n, 0xc0e046aaaaaaaaabn, 0xc0aa0aaaaaaaaaaan, 0xc074d55555555555n,
      0xc040aaaaaaaaaaabn, 0xc00aaaaaaaaaaaabn, 0xbfd5555555555555n, 0xbfa1111111111111n, 0xbf6b4e81b4e81b4fn, 0xbf35d867c3ece2a5n, 0xbf0179ec9cbd821en, 0xbecbf647612f3696n,
      0xbe965e9f80f29212n, 0xbe61e54c672874dbn, 0xbe2ca213d840baf8n, 0xbdf6e80fe033c8c6n, 0xbdc2533fe68fd3d2n, 0xbd8d51ffd74c861cn, 0xbd5774ccac3d3817n, 0xbd22c3d6f030f9acn,
      0xbcee0624b3818f79n, 0xbcb804ea293472c7n, 0xbc833721ba905bd3n, 0xbc4ebe9c5db3c61en, 0xbc18987d17c304e5n, 0xbbe3ad30dfcf371dn, 0xbbaf7b816618582fn, 0xbb792f9ab81379bfn,
      0xbb442615600f9499n, 0xbb101e77800c76e1n, 0xbad9ca58cce0be35n, 0xbaa4a1e0a3e6fe90n, 0xba708180831f320dn, 0xba3a68cd9e985016n, 0x446696695dbd1cc3n, 0x443211ede4974a35n,
      0x43fce97ca0f21056n, 0x43c7213080c1a6acn, 0x439280f39a348556n, 0x435d9b1f5d20d557n, 0x4327af4c4a80aaacn, 0x42f2f2a36ecd5556n, 0x42be51057e155558n, 0x428840d131aaaaacn,
      0x4253670dc1555557n, 0x421f0b4935555557n, 0x41e8d5d42aaaaaacn, 0x41b3de4355555556n, 0x417fca0555555556n, 0x41496e6aaaaaaaabn, 0x4114585555555555n, 0x40e046aaaaaaaaabn,
      0x40aa0aaaaaaaaaaan, 0x4074d55555555555n, 0x4040aaaaaaaaaaabn, 0x400aaaaaaaaaaaabn, 0x3fd5555555555555n, 0x3fa1111111111111n, 0x3f6b4e81b4e81b4fn, 0x3f35d867c3ece2a5n,
      0x3f0179ec9cbd821en, 0x3ecbf647612f3696n, 0x3e965e9f80f29212n, 0x3e61e54c672874dbn, 0x3e2ca213d840baf8n, 0x3df6e80fe033c8c6n, 0x3dc2533fe68fd3d2n, 0x3d8d51ffd74c861cn,
      0x3d5774ccac3d3817n, 0x3d22c3d6f030f9acn, 0x3cee0624b3818f79n, 0x3cb804ea293472c7n, 0x3c833721ba905bd3n, 0x3c4ebe9c5db3c61en, 0x3c18987d17c304e5n, 0x3be3ad30dfcf371dn,
      0x3baf7b816618582fn, 0x3b792f9ab81379bfn, 0x3b442615600f9499n, 0x3b101e77800c76e1n, 0x3ad9ca58cce0be35n, 0x3aa4a1e0a3e6fe90n, 0x3a708180831f320dn, 0x3a3a68cd9e985016n,
      0x4024000000000000n, 0x4014000000000000n, 0x3fe0000000000000n, 0x3fa999999999999an, 0x3f747ae147ae147bn, 0x3f40624dd2f1a9fcn, 0x3f0a36e2eb1c432dn, 0x3ed4f8b588e368f1n,
      0x3ea0c6f7a0b5ed8dn, 0x3e6ad7f29abcaf48n, 0x3e35798ee2308c3an, 0x3ed539223589fa95n, 0x3ed4ff26cd5a7781n, 0x3ed4f95a762283ffn, 0x3ed4f8c60703520cn, 0x3ed4f8b72f19cd0dn,
      0x3ed4f8b5b31c0c8dn, 0x3ed4f8b58d1c461an, 0x3ed4f8b5894f7f0en, 0x3ed4f8b588ee37f3n, 0x3ed4f8b588e47da4n, 0x3ed4f8b588e3849cn, 0x3ed4f8b588e36bb5n, 0x3ed4f8b588e36937n,
      0x3ed4f8b588e368f8n, 0x3ed4f8b588e368f1n, 0x3ff0000000000000n, 0xbff0000000000000n, 0xbfeffffffffffffan, 0xbfeffffffffffffbn, 0x3feffffffffffffan, 0x3feffffffffffffbn,
      0x3feffffffffffffcn, 0x3feffffffffffffen, 0xbfefffffffffffffn, 0xbfefffffffffffffn, 0x3fefffffffffffffn, 0x3fefffffffffffffn, 0x3fd3333333333332n, 0x3fd3333333333333n,
      0x3fd3333333333334n, 0x0010000000000000n, 0x000ffffffffffffdn, 0x000fffffffffffffn, 0x7fefffffffffffffn, 0xffefffffffffffffn, 0x4340000000000000n, 0xc340000000000000n,
      0x4430000000000000n, 0x44b52d02c7e14af5n, 0x44b52d02c7e14af6n, 0x44b52d02c7e14af7n, 0x444b1ae4d6e2ef4en, 0x444b1ae4d6e2ef4fn, 0x444b1ae4d6e2ef50n, 0x3eb0c6f7a0b5ed8cn,
      0x3eb0c6f7a0b5ed8dn, 0x41b3de4355555553n, 0x41b3de4355555554n, 0x41b3de4355555555n, 0x41b3de4355555556n, 0x41b3de4355555557n, 0xbecbf647612f3696n, 0x43143ff3c1cb0959n,
    ]);
    const staticF64s = new Float64Array(statics.buffer);
    const u64 = new BigUint64Array(1);
    const f64 = new Float64Array(u64.buffer);
    const hash = createHash('sha256');
    let block: ArrayBuffer = new ArrayBuffer(32);
    let data = new Float64Array(0);
    for (let idx = 0; idx < 1000; idx++) {
      let f = 0;
      if (idx < staticF64s.length) f = staticF64s[idx]!;
      else if (idx < staticF64s.length + 2000) {
        u64[0] = 0x0010000000000000n + BigInt(idx - staticF64s.length);
        f = f64[0]!;
      } else {
        while (f === 0 || !Number.isFinite(f)) {
          if (data.length === 0) {
            const digest = createHash('sha256').update(new Uint8Array(block)).digest();
            block = digest.buffer.slice(digest.byteOffset, digest.byteOffset + 32);
            data = new Float64Array(block);
          }
          f = data[0]!;
          data = data.slice(1);
        }
      }
      f64[0] = f;
      hash.update(`${u64[0]!.toString(16)},${Buffer.from(canonicalBytes(f)).toString()}\n`);
    }
    expect(hash.digest('hex')).toBe('be18b62b6f69cdab33a7e0dae0d9cfa869fda80ddc712221570f9f40a5878687');
  });
});

describe('canonicalBytes refuses what JCS cannot carry, naming the path and never the value', () => {
  const secret = 'PHI-Jane-Doe-555-0100';
  const bad: [string, unknown, string][] = [
    ['lone high surrogate', { a: [`${secret}\uD800`] }, '$.a[0]'],
    ['lone low surrogate', { note: `\uDC00${secret}` }, '$.note'],
    ['reversed pair', ['\uDC00\uD800'], '$[0]'],
    ['lone surrogate in a key', { [`${secret}\uD800`]: 1 }, 'key #0'],
    ['NaN', { n: NaN }, '$.n'],
    ['Infinity', { x: { y: -Infinity } }, '$.x.y'],
    ['undefined member', { gone: undefined }, '$.gone'],
    ['undefined in an array', [1, undefined], '$[1]'],
    ['sparse array hole', [1, , 3], '$[1]'], // eslint-disable-line no-sparse-arrays
    ['function', { f: () => secret }, '$.f'],
    ['symbol', { s: Symbol(secret) }, '$.s'],
    ['bigint', { b: 10n }, '$.b'],
    ['Date', { at: new Date(0) }, '$.at'],
    ['odd key in path', { ok: 1, 'has space': { [secret]: undefined } }, '$[key #1][key #0]'],
    ['top-level undefined', undefined, '$'],
  ];
  it.each(bad)('%s', (_name, value, path) => {
    let error: unknown;
    try {
      canonicalBytes(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerInputError);
    const message = (error as Error).message;
    expect(message).toContain(path);
    expect(message).not.toContain('PHI-Jane');
    expect(message).not.toContain('555-0100');
  });

  it('refuses a cycle', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalBytes(a)).toThrow(/\$\.self: circular/);
  });

  it('accepts a surrogate pair and a shared (non-circular) object', () => {
    const shared = { k: 1 };
    expect(Buffer.from(canonicalBytes({ b: shared, a: shared, e: '😂' })).toString()).toBe('{"a":{"k":1},"b":{"k":1},"e":"😂"}');
  });

  it('is JSON.parse-stable: canonical bytes of parsed canonical bytes are the same bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const once = canonicalBytes(v);
        const twice = canonicalBytes(JSON.parse(Buffer.from(once).toString()));
        expect(Buffer.from(twice).equals(Buffer.from(once))).toBe(true);
      }),
    );
  });
});

describe('canonicalText (the one-pass writer) against canonicalize (the reference)', () => {
  it('writes what canonicalize writes, on random JSON with unsorted, integer-like and non-ASCII keys', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('10', '9', '1', '01', 'é', 'z', '\u{1F600}', '\u007f'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(-0)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalText(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands what it cannot write to the checks, which name the path (a hole, a symbol key, a class, deep nesting)', () => {
    const holey = [1, 2, 3];
    delete holey[1];
    expect(() => canonicalText({ a: holey })).toThrow(/\$\.a\[1\]/);
    expect(() => canonicalText({ a: { [Symbol('s')]: 1 } })).toThrow(/\$\.a: symbol-keyed/);
    expect(() => canonicalText({ when: new Date(0) })).toThrow(/\$\.when: not a plain object/);
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(canonicalText(deep)).toBe(canonicalize(deep));
  });
});

describe('sortedJsonCopy (the writer thread\'s canonical text of parsed JSON)', () => {
  it('gives a copy whose JSON.stringify is what canonicalize writes, for JSON text without a \\u escape, or undefined', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('10', '9', '1', '01', 'é', 'z', '\u{1F600}', '__proto__', 'a\nb'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(-0)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
    })).node;
    let copied = 0;
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        fc.pre(!text.includes('\\u'));
        const parsed: unknown = JSON.parse(text);
        const copy = sortedJsonCopy(parsed);
        if (copy === undefined) return;
        copied++;
        expect(JSON.stringify(copy)).toBe(canonicalize(parsed));
      }),
      { numRuns: 2000 },
    );
    expect(copied).toBeGreaterThan(1000);
  });

  it('gives undefined where V8 would not keep the sorted order: keys starting with a digit, __proto__', () => {
    expect(sortedJsonCopy(JSON.parse('{"b":1,"a":{"10":1,"9":2}}'))).toBeUndefined();
    expect(sortedJsonCopy(JSON.parse('[{"__proto__":{"x":1}}]'))).toBeUndefined();
    expect(JSON.stringify(sortedJsonCopy(JSON.parse('{"z":[{"b":1,"a":2}],"a":"é","m":-0}')))).toBe('{"a":"é","m":0,"z":[{"a":2,"b":1}]}');
  });
});

describe('isCanonicalJson (verify\'s check of stored bytes)', () => {
  const check = (text: string) => isCanonicalJson(text, JSON.parse(text));

  it('accepts exactly what canonicalBytes writes, on every cyberphone output vector and random JSON', () => {
    for (const file of cases) {
      const text = readFileSync(new URL(`output/${file}`, jcs), 'utf8');
      expect(check(text), file).toBe(true);
    }
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = new TextDecoder().decode(canonicalBytes(value));
        expect(check(text)).toBe(true);
      }),
    );
  });

  it('refuses other spellings of the same JSON', () => {
    for (const text of ['{"b":1,"a":2}', '{"a": 1}', '{"a":-0}', '{"a":"\\u0041"}', '{"a":1.0}', '{"a":1,"a":2}', '[1e2]', '{"a":"\\ud800"}']) expect(check(text), text).toBe(false);
    // Integer-like keys: V8 reorders them, so the full canonicalisation decides.
    expect(check('{"10":1,"9":2}')).toBe(true);
    expect(check('{"9":2,"10":1}')).toBe(false);
  });
});
