// `chaperone scan` recording into the ledger and the `chaperone ledger` commands, end to
// end through the CLI on both stores; the exported bundle checked by code of this test's
// own (node:crypto and the RFC algorithms only), as an auditor would.
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '@chaperone/ledger';
import { fixturePhi, fixtureSecrets } from '../../../../scan/test/integration/twin-scan.ts';
import { ledgerWorkspace } from '../../../test/ledger-workspace.ts';
import { BACKENDS } from '../../../../ledger/test/backends.ts';
import { dropAppendOnlyTriggers } from '../../../../ledger/test/tamper.ts';
import { CompactRange } from '../../../../ledger/src/tlog/index.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const workspace = (backend: (typeof BACKENDS)[number]) => ledgerWorkspace(backend, cleanups, 'keys/ledger.key');

describe.each(BACKENDS)('chaperone scan and chaperone ledger on $name', (backend) => {
  it('scan records each run and signs a checkpoint; verify passes, then fails on an edit naming its seq', async () => {
    const { cli, location, dir } = await workspace(backend);
    const first = await cli('scan', '--demo', '--no-progress');
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/^chaperone scan: created the ledger's signing key keys\/ledger\.key \(mode 0600\)/m);
    expect(first.err).toMatch(/^chaperone scan: run \d{8}T\d{6}Z-[0-9a-f]{6} recorded in .* \(\d+ entries, checkpoint of \d+ signed\)$/m);
    expect(statSync(join(dir, 'keys', 'ledger.key')).mode & 0o777).toBe(0o600);
    const second = await cli('scan', '--demo', '--no-progress');
    expect(second.code).toBe(1);
    expect(second.err).not.toMatch(/created the ledger's signing key/);

    const ok = await cli('ledger', 'verify');
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toMatch(/^ledger intact: \d+ entries, 2 signed checkpoints\n$/);

    const ledger = await Ledger.open(location, { cwd: dir });
    try {
      // The demo collects everything: both runs ended complete, with their accounts.
      expect(await ledger.db.selectFrom('scan_run').select(['state']).execute()).toEqual([{ state: 'complete' }, { state: 'complete' }]);
      expect((await ledger.db.selectFrom('scan_account').select('complete').execute()).every((a) => a.complete === 1)).toBe(true);
      await dropAppendOnlyTriggers(ledger);
      const row = await ledger.db.selectFrom('ledger_entry').select(['seq', 'body']).where('kind', '=', 'finding').where('seq', '>', 3).orderBy('seq').limit(1).executeTakeFirstOrThrow();
      const edited = Buffer.from(row.body).toString('utf8').replace(/"status":"[a-z]+"/, '"status":"pass"');
      await ledger.db.updateTable('ledger_entry').set({ body: Buffer.from(edited) }).where('seq', '=', row.seq).execute();
      const bad = await cli('ledger', 'verify');
      expect(bad.code).toBe(1);
      expect(bad.err).toBe(`chaperone ledger verify: TAMPERED: entry seq ${row.seq}: its bytes do not match its leaf hash (the entry was edited)\n`);
    } finally {
      await ledger.close();
    }
  });

  it('verify fails, exit 1 with one line naming the row, when a query row is edited and the entries are not', async () => {
    const { cli, location, dir } = await workspace(backend);
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    const ledger = await Ledger.open(location, { cwd: dir });
    try {
      // What history and diff read: one failing finding turned into a pass.
      const row = await ledger.db.selectFrom('finding').select('seq').where('status', '=', 'fail').orderBy('seq').limit(1).executeTakeFirstOrThrow();
      await ledger.db.updateTable('finding').set({ status: 'pass' }).where('seq', '=', row.seq).execute();
      const bad = await cli('ledger', 'verify');
      expect(bad).toMatchObject({ code: 1, out: '' });
      expect(bad.err).toBe(`chaperone ledger verify: TAMPERED: the finding table's row seq ${row.seq} differs from entry seq ${row.seq} in status (a query row was edited; the entry is intact)\n`);
    } finally {
      await ledger.close();
    }
  });

  it('the ledger holds no secret and no PHI of the fixture', async () => {
    const { cli, location, dir } = await workspace(backend);
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    const ledger = await Ledger.open(location, { cwd: dir });
    let text = '';
    try {
      for await (const row of ledger.entries()) text += Buffer.from(row.body).toString('utf8') + '\n';
      for (const table of ['finding', 'applied_config', 'scan_run', 'scan_account', 'ledger_checkpoint', 'ledger_meta'] as const) text += JSON.stringify(await ledger.db.selectFrom(table).selectAll().execute());
    } finally {
      await ledger.close();
    }
    if (backend.name === 'sqlite') for (const file of readdirSync(dir).filter((f) => f.startsWith('ledger.db'))) text += readFileSync(join(dir, file)).toString('latin1');
    expect(text).toContain('"kind":"finding"');
    for (const secret of [...fixtureSecrets(), ...fixturePhi()]) expect(text, secret).not.toContain(secret);
  });

  it('a checkpoint kept elsewhere catches a rewrite of the whole tail', async () => {
    const { cli, location, dir } = await workspace(backend);
    await cli('scan', '--demo', '--no-progress');
    const saved = await cli('ledger', 'checkpoint', '--output', 'kept.txt');
    expect(saved).toMatchObject({ code: 0, out: '' });
    const kept = readFileSync(join(dir, 'kept.txt'), 'utf8');
    expect(kept).toMatch(/^chaperone\.ledger\/[0-9a-f]{16}\n\d+\n[A-Za-z0-9+/=]{44}\n\n\u2014 /);
    expect((await cli('ledger', 'checkpoint')).out).toBe(kept);
    expect((await cli('ledger', 'verify', '--checkpoint', 'kept.txt')).out).toMatch(/extends the given checkpoint of \d+ entries/);

    // The attacker removes the last run's entries, its checkpoint, and rewinds the head.
    const ledger = await Ledger.open(location, { cwd: dir });
    try {
      await dropAppendOnlyTriggers(ledger);
      const start = await ledger.db.selectFrom('ledger_entry').select('seq').where('kind', '=', 'finding').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      await ledger.db.deleteFrom('ledger_entry').where('seq', '>=', start.seq).execute();
      await ledger.db.deleteFrom('ledger_checkpoint').execute();
      // ...and makes the query tables agree with what is left (verify checks them too).
      for (const table of ['finding', 'applied_config', 'scan_account'] as const) await ledger.db.deleteFrom(table).where('seq', '>=', start.seq).execute();
      await ledger.db.updateTable('scan_run').set({ end_seq: null, finished_at: null, state: 'running', totals: null }).execute();
      const range = new CompactRange();
      for await (const row of ledger.entries()) range.append(row.leaf);
      await ledger.db.updateTable('ledger_state').set({ size: range.size, frontier: JSON.stringify(range.toJSON()) }).execute();
      expect((await cli('ledger', 'verify')).code).toBe(0);
      const caught = await cli('ledger', 'verify', '--checkpoint', 'kept.txt');
      expect(caught.code).toBe(1);
      expect(caught.err).toMatch(new RegExp(`^chaperone ledger verify: TAMPERED: the ledger ends at ${start.seq} entries but the given checkpoint \\(size \\d+\\) covers \\d+: entries from seq ${start.seq} were removed\\n$`));
    } finally {
      await ledger.close();
    }
  });

  it('export writes a bundle an auditor verifies with node:crypto and the RFCs alone', async () => {
    const { cli, dir } = await workspace(backend);
    await cli('scan', '--demo', '--no-progress');
    await cli('scan', '--demo', '--no-progress');
    const exported = await cli('ledger', 'export', '--output', 'bundle.json');
    expect(exported.code).toBe(0);
    expect(exported.err).toMatch(/^chaperone ledger export: bundle\.json: \d+ entries, 2 checkpoints, \d+ inclusion proofs against the checkpoint of \d+, 1 consistency proofs to it\n$/);
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as Bundle;
    expect(auditorVerifies(bundle)).toEqual({ entries: bundle.entries.length, proofs: bundle.inclusionProofs.length, consistency: 1 });
    // The first checkpoint alone (no entries) is proven to be extended by the latest.
    expect(bundle.consistencyProofs).toEqual([{ fromSize: bundle.checkpoints[0]!.size, toSize: bundle.checkpoints[1]!.size, path: expect.any(Array) }]);
    const forged = { ...bundle, consistencyProofs: bundle.consistencyProofs.map((c) => ({ ...c, path: c.path.slice(1) })) };
    expect(() => auditorVerifies(forged)).toThrow(/consistency proof from/);
    expect(bundle.inclusionProofs.length).toBe(bundle.entries.filter((e) => e.kind === 'finding').length);

    // Any change to one entry's bytes breaks the auditor's check.
    const entry = bundle.entries[5]!;
    const tampered = { ...bundle, entries: bundle.entries.map((e) => (e === entry ? { ...e, bytes: Buffer.from(Buffer.from(e.bytes, 'base64').toString('utf8').replace('"v":1', '"v":2')).toString('base64') } : e)) };
    expect(() => auditorVerifies(tampered)).toThrow(/root/);
  });

  it('bad input is one line and exit 2, and touches nothing', async () => {
    const { cli, dir, location } = await workspace(backend);
    const missing = await cli('ledger', 'verify');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^chaperone ledger verify: no ledger at .*\n$/);
    if (backend.name === 'sqlite') expect(existsSync(location)).toBe(false);
    expect((await cli('ledger', 'frobnicate')).code).toBe(2);
    expect((await cli('ledger', 'export')).err).toBe('chaperone ledger export: --output FILE is required: where to write the bundle\n');
    expect((await cli('ledger', 'verify', '--bogus')).code).toBe(2);
    if (backend.name === 'sqlite') {
      writeFileSync(location, 'not a database');
      const foreign = await cli('scan', '--demo', '--no-progress');
      expect(foreign.code).toBe(2);
      expect(foreign.err).toMatch(/^chaperone scan: .*ledger\.db is not a chaperone ledger \(not a SQLite database\); nothing was changed.*\n$/);
      expect(readFileSync(location, 'utf8')).toBe('not a database');
    }
    expect((await cli('ledger', 'verify', '--checkpoint', join(dir, 'nope.txt'))).err).toMatch(/^chaperone ledger verify: cannot read --checkpoint .*nope\.txt \(ENOENT\)/);
  });
});

describe('chaperone scan --no-ledger', () => {
  it('records nothing and creates no file', async () => {
    const { cli, location, dir } = await workspace(BACKENDS[0]!);
    const r = await cli('scan', '--demo', '--no-progress', '--no-ledger');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(existsSync(location)).toBe(false);
    expect(existsSync(join(dir, 'keys'))).toBe(false);
  });
});

interface Bundle {
  format: string;
  origin: string;
  verifierKey: string;
  publicKey: string;
  checkpoints: { size: number; note: string }[];
  entries: { seq: number; kind: string; bytes: string }[];
  inclusionProofs: { seq: number; treeSize: number; leafHash: string; path: string[] }[];
  consistencyProofs: { fromSize: number; toSize: number; path: string[] }[];
}

/** An auditor's verifier, from RFC 9162 §2.1, C2SP tlog-checkpoint and signed-note: shares no code with chaperone. */
function auditorVerifies(bundle: Bundle): { entries: number; proofs: number; consistency: number } {
  const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const leaves = bundle.entries.map((e, i) => {
    if (e.seq !== i) throw new Error(`seq ${e.seq} at position ${i}`);
    return sha(Buffer.of(0), Buffer.from(e.bytes, 'base64'));
  });
  const mth = (d: Buffer[]): Buffer => {
    if (d.length === 0) return sha();
    if (d.length === 1) return d[0]!;
    let k = 1;
    while (k * 2 < d.length) k *= 2;
    return sha(Buffer.of(1), mth(d.slice(0, k)), mth(d.slice(k)));
  };
  const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(bundle.publicKey, 'base64')]), format: 'der', type: 'spki' });
  const roots = new Map<number, Buffer>();
  for (const c of bundle.checkpoints) {
    const split = c.note.indexOf('\n\n');
    const body = c.note.slice(0, split + 1);
    const [origin, size, root] = body.split('\n');
    if (origin !== bundle.origin || Number(size) !== c.size) throw new Error('checkpoint body');
    const signature = c.note.slice(split + 2).split('\n').find((line) => line.startsWith(`\u2014 ${origin} `));
    const sig = Buffer.from(signature!.split(' ')[2]!, 'base64');
    if (!verifySignature(null, Buffer.from(body), key, sig.subarray(4))) throw new Error(`signature of checkpoint ${c.size}`);
    if (!mth(leaves.slice(0, c.size)).equals(Buffer.from(root!, 'base64'))) throw new Error(`root of checkpoint ${c.size}`);
    roots.set(c.size, Buffer.from(root!, 'base64'));
  }
  for (const p of bundle.inclusionProofs) {
    // RFC 9162 §2.1.3.2.
    let fn = p.seq;
    let sn = p.treeSize - 1;
    let r = Buffer.from(p.leafHash, 'base64');
    if (!r.equals(leaves[p.seq]!)) throw new Error(`leaf of ${p.seq}`);
    for (const h of p.path.map((x) => Buffer.from(x, 'base64'))) {
      if (sn === 0) throw new Error('path too long');
      if (fn % 2 === 1 || fn === sn) {
        r = sha(Buffer.of(1), h, r);
        if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else r = sha(Buffer.of(1), r, h);
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    if (sn !== 0 || !r.equals(roots.get(p.treeSize)!)) throw new Error(`inclusion proof of ${p.seq}`);
  }
  for (const c of bundle.consistencyProofs) {
    // RFC 9162 §2.1.4.2, from the two signed roots and the path alone.
    const first = roots.get(c.fromSize)!;
    const second = roots.get(c.toSize)!;
    const path: Buffer[] = c.path.map((x) => Buffer.from(x, 'base64'));
    if ((c.fromSize & (c.fromSize - 1)) === 0) path.unshift(first);
    let fn = c.fromSize - 1;
    let sn = c.toSize - 1;
    while (fn % 2 === 1) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    let fr = path[0]!;
    let sr = path[0]!;
    for (const h of path.slice(1)) {
      if (sn === 0) throw new Error(`consistency proof from ${c.fromSize}: too long`);
      if (fn % 2 === 1 || fn === sn) {
        fr = sha(Buffer.of(1), h, fr);
        sr = sha(Buffer.of(1), h, sr);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else sr = sha(Buffer.of(1), sr, h);
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    if (sn !== 0 || !fr.equals(first) || !sr.equals(second)) throw new Error(`consistency proof from ${c.fromSize} to ${c.toSize}`);
  }
  return { entries: leaves.length, proofs: bundle.inclusionProofs.length, consistency: bundle.consistencyProofs.length };
}
