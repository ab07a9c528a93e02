import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { LedgerError, openLedgerDb, parseLedgerLocation, SCHEMA_VERSION } from '../src/index.ts';
import { BACKENDS } from './backends.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe.each(BACKENDS)('opening a ledger on $name', (backend) => {
  async function fresh() {
    const f = await backend.fresh();
    cleanups.push(f.cleanup);
    return f;
  }

  it('creates the schema once, at the current version, with an empty tree', async () => {
    const { location, dir } = await fresh();
    const ledger = await openLedgerDb(parseLedgerLocation(location, dir), { create: true });
    const meta = await ledger.db.selectFrom('ledger_meta').selectAll().execute();
    expect(Object.fromEntries(meta.map((m) => [m.key, m.value]))).toMatchObject({ format: 'chaperone-ledger', schema_version: String(SCHEMA_VERSION) });
    expect(await ledger.db.selectFrom('ledger_state').selectAll().execute()).toEqual([{ id: 1, size: 0, frontier: 'null' }]);
    await ledger.close();
    // Opening again migrates nothing and keeps the same ledger id.
    const again = await openLedgerDb(parseLedgerLocation(location, dir));
    const id = await again.db.selectFrom('ledger_meta').select('value').where('key', '=', 'ledger_id').executeTakeFirstOrThrow();
    expect(id.value).toBe(meta.find((m) => m.key === 'ledger_id')?.value);
    await again.close();
  });

  it('refuses UPDATE, DELETE on ledger_entry and ledger_checkpoint', async () => {
    const { location, dir } = await fresh();
    const ledger = await openLedgerDb(parseLedgerLocation(location, dir), { create: true });
    const bytes = Buffer.from('{}');
    await ledger.db.insertInto('ledger_entry').values({ seq: 0, kind: 'test', body: bytes, leaf: bytes }).execute();
    await ledger.db.insertInto('ledger_checkpoint').values({ size: 1, root: bytes, note: 'n', created_at: 'now' }).execute();
    await expect(ledger.db.updateTable('ledger_entry').set({ kind: 'edited' }).execute()).rejects.toThrow(/append-only/);
    await expect(ledger.db.deleteFrom('ledger_entry').execute()).rejects.toThrow(/append-only/);
    await expect(ledger.db.updateTable('ledger_checkpoint').set({ note: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(ledger.db.deleteFrom('ledger_checkpoint').execute()).rejects.toThrow(/append-only/);
    if (backend.name === 'postgres') await expect(sql`truncate ledger_entry`.execute(ledger.db)).rejects.toThrow(/append-only/);
    expect(await ledger.db.selectFrom('ledger_entry').select('kind').execute()).toEqual([{ kind: 'test' }]);
    await ledger.close();
  });

  it('a missing ledger is one line unless asked to create it', async () => {
    const { location, dir } = await fresh();
    await expect(openLedgerDb(parseLedgerLocation(location, dir))).rejects.toThrow(LedgerError);
    await expect(openLedgerDb(parseLedgerLocation(location, dir))).rejects.toThrow(/no ledger at .*chaperone scan/);
    if (backend.name === 'sqlite') expect(existsSync(location)).toBe(false);
  });

  it('a newer schema is refused, and left as it was', async () => {
    const { location, dir } = await fresh();
    const ledger = await openLedgerDb(parseLedgerLocation(location, dir), { create: true });
    await ledger.close();
    await backend.raw(location, [`update ledger_meta set value = '${SCHEMA_VERSION + 1}' where key = 'schema_version'`]);
    await expect(openLedgerDb(parseLedgerLocation(location, dir))).rejects.toThrow(new RegExp(`newer chaperone \\(ledger schema ${SCHEMA_VERSION + 1}, this one reads up to ${SCHEMA_VERSION}\\)`));
    await expect(openLedgerDb(parseLedgerLocation(location, dir), { create: true })).rejects.toThrow(/newer chaperone/);
  });

  it('a foreign database is refused without touching it', async () => {
    const { location, dir } = await fresh();
    if (backend.name === 'sqlite') {
      const db = new Database(location);
      db.exec("create table patients (name text); insert into patients values ('x')");
      db.close();
    } else {
      await openLedgerDb(parseLedgerLocation(location, dir), { create: true }).then((l) => l.close());
      await backend.raw(location, ['drop table ledger_meta']);
    }
    const before = backend.name === 'sqlite' ? readFileSync(location) : undefined;
    await expect(openLedgerDb(parseLedgerLocation(location, dir), { create: true })).rejects.toThrow(/is not a chaperone ledger \(it holds tables that are not a chaperone ledger\); nothing was changed/);
    if (before) expect(readFileSync(location).equals(before)).toBe(true);
  });
});

describe('PostgreSQL schemas side by side', () => {
  it('a ledger in a new schema gets its own tables while another schema holds a ledger', async () => {
    const pgBackend = BACKENDS[1]!;
    const a = await pgBackend.fresh();
    const b = await pgBackend.fresh();
    cleanups.push(a.cleanup, b.cleanup);
    const first = await openLedgerDb(parseLedgerLocation(a.location, a.dir), { create: true });
    const second = await openLedgerDb(parseLedgerLocation(b.location, b.dir), { create: true });
    const ids = await Promise.all([first, second].map((l) => l.db.selectFrom('ledger_meta').select('value').where('key', '=', 'ledger_id').executeTakeFirstOrThrow()));
    expect(ids[0]!.value).not.toBe(ids[1]!.value);
    await first.close();
    await second.close();
  });
});

describe('SQLite files that are not ledgers', () => {
  it('a file that is not SQLite is refused and left byte for byte as it was', async () => {
    const { location, dir, cleanup } = await BACKENDS[0]!.fresh();
    cleanups.push(cleanup);
    writeFileSync(location, 'name,dob\nsomeone,1957-03-14\n');
    await expect(openLedgerDb(parseLedgerLocation(location, dir), { create: true })).rejects.toThrow(/is not a chaperone ledger \(not a SQLite database\)/);
    expect(readFileSync(location, 'utf8')).toBe('name,dob\nsomeone,1957-03-14\n');
    expect(existsSync(`${location}-wal`)).toBe(false);
  });

  it('a corrupt SQLite file is one line, not a stack', async () => {
    const { location, dir, cleanup } = await BACKENDS[0]!.fresh();
    cleanups.push(cleanup);
    const ok = await openLedgerDb(parseLedgerLocation(location, dir), { create: true });
    await ok.close();
    const bytes = readFileSync(location);
    bytes.fill(0xa5, 100, bytes.length); // header intact, every page garbage
    writeFileSync(location, bytes);
    const error = await openLedgerDb(parseLedgerLocation(location, dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as Error).message).toMatch(/corrupt|not a chaperone ledger/);
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it('a directory is named as one', async () => {
    const { dir, cleanup } = await BACKENDS[0]!.fresh();
    cleanups.push(cleanup);
    await expect(openLedgerDb(parseLedgerLocation(dir, dir), { create: true })).rejects.toThrow(/is a directory/);
  });
});

describe('ledger locations', () => {
  it('reads paths and postgres URLs, never echoing a password', () => {
    expect(parseLedgerLocation('x/ledger.db', '/w')).toEqual({ kind: 'sqlite', path: '/w/x/ledger.db' });
    const pgl = parseLedgerLocation('postgres://u:secretpw@h:5432/db?schema=team', '/w');
    expect(pgl).toMatchObject({ kind: 'postgres', schema: 'team', url: 'postgres://u:secretpw@h:5432/db' });
    expect(pgl.kind === 'postgres' && pgl.display).not.toContain('secretpw');
    expect(() => parseLedgerLocation('mysql://h/db', '/w')).toThrow(/file path or a postgres:\/\/ URL/);
    expect(() => parseLedgerLocation('postgres://h/db?schema=Drop;', '/w')).toThrow(/schema parameter/);
  });
});
