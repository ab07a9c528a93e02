// Bad ledgers through the CLI: a locked, corrupt, foreign or newer-schema database gets one
// clear line and exit 2, and nothing stored is lost (the ledger verifies afterwards, or the
// file is byte for byte as it was).
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerWorkspace } from '../../../test/ledger-workspace.ts';
import { BACKENDS, PG_URL } from '../../../../ledger/test/backends.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const workspace = (backend: (typeof BACKENDS)[number]) => ledgerWorkspace(backend, cleanups);

const oneLine = (command: string, pattern: RegExp) => ({ code: 2, err: expect.stringMatching(new RegExp(`^chaperone ${command}: ${pattern.source}[^\\n]*\\n$`)) });

describe.each(BACKENDS)('a bad ledger on $name', (backend) => {
  it('a newer schema: one line naming the upgrade, exit 2, ledger intact', async () => {
    const { cli, location } = await workspace(backend);
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    await backend.raw(location, ["update ledger_meta set value = '99' where key = 'schema_version'"]);
    for (const argv of [['ledger', 'verify'], ['history'], ['diff'], ['scan', '--demo', '--no-progress'], ['ledger', 'export', '--output', 'b.json']]) {
      const command = argv[0] === 'ledger' ? `ledger ${argv[1]}` : argv[0]!;
      expect(await cli(...argv), argv.join(' ')).toMatchObject(oneLine(command, /.* was written by a newer chaperone \(ledger schema 99, this one reads up to 1\); upgrade chaperone to use it/));
    }
    await backend.raw(location, ["update ledger_meta set value = '1' where key = 'schema_version'"]);
    expect((await cli('ledger', 'verify')).code).toBe(0);
  });

  it('a foreign database: one line, exit 2, nothing written to it', async () => {
    const { cli, location } = await workspace(backend);
    if (backend.name === 'sqlite') {
      const db = new Database(location);
      db.exec("create table patients (name text); insert into patients values ('someone')");
      db.close();
    } else {
      await backend.raw(location.replace(/\?schema=.*/, ''), [`create schema ${new URL(location).searchParams.get('schema')}`]);
      // A schema may share tables with an app (public usually does): what is foreign is a
      // ledger_meta table some other program made.
      await backend.raw(location, ['create table ledger_meta (key text primary key, value text)', "insert into ledger_meta values ('owner', 'another app')"]);
    }
    const why = backend.name === 'sqlite' ? /it holds tables that are not a chaperone ledger/ : /its ledger_meta table is not a chaperone ledger's/;
    const before = backend.name === 'sqlite' ? readFileSync(location) : undefined;
    for (const argv of [['ledger', 'verify'], ['scan', '--demo', '--no-progress'], ['ledger', 'init']]) {
      const command = argv[0] === 'ledger' ? `ledger ${argv[1]}` : argv[0]!;
      expect(await cli(...argv), argv.join(' ')).toMatchObject(oneLine(command, new RegExp(`.* is not a chaperone ledger \\(${why.source}\\); nothing was changed`)));
    }
    if (before) expect(readFileSync(location).equals(before)).toBe(true);
  });

  it('a ledger another writer holds: the scan waits, then one line, exit 2; nothing stored is lost', async () => {
    const { cli, location } = await workspace(backend);
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    const runsBefore = (await cli('history', '--format', 'json')).out;
    let release: () => Promise<void>;
    if (backend.name === 'sqlite') {
      const holder = new Database(location);
      holder.exec('begin immediate');
      release = async () => {
        holder.exec('rollback');
        holder.close();
      };
    } else {
      const holder = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${new URL(location).searchParams.get('schema')}` });
      await holder.connect();
      await holder.query('begin');
      await holder.query('select * from ledger_state for update');
      release = async () => {
        await holder.query('rollback');
        await holder.end();
      };
    }
    try {
      // Readers are not blocked by a writer.
      expect((await cli('ledger', 'verify')).code).toBe(0);
      expect(await cli('scan', '--demo', '--no-progress')).toMatchObject(oneLine('scan', /.* is locked by another process \(a scan or verify still running\?\); wait for it to finish, then run again/));
    } finally {
      await release();
    }
    expect((await cli('history', '--format', 'json')).out).toBe(runsBefore);
    expect((await cli('ledger', 'verify')).code).toBe(0);
  }, 30_000);
});

describe('a corrupt SQLite ledger', () => {
  it('one line naming it corrupt, exit 2, the file left as it was', async () => {
    const { cli, location } = await workspace(BACKENDS[0]!);
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    // Checkpoint the WAL into the file, then wreck every page after the header.
    const db = new Database(location);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(location);
    bytes.fill(0xa5, 100);
    writeFileSync(location, bytes);
    for (const argv of [['ledger', 'verify'], ['history'], ['scan', '--demo', '--no-progress']]) {
      const command = argv[0] === 'ledger' ? `ledger ${argv[1]}` : argv[0]!;
      expect(await cli(...argv), argv.join(' ')).toMatchObject(oneLine(command, /.*(is corrupt or not a SQLite database|is not a chaperone ledger)/));
    }
    expect(readFileSync(location).equals(bytes)).toBe(true);
  });
});
