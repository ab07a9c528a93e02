// The two stores every ledger test runs on. SQLite: a file in a fresh temp directory.
// PostgreSQL: the local server (127.0.0.1:5432, database `test`), each test in a schema of
// its own, dropped afterwards, so runs in parallel never see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach } from 'vitest';
import { Ledger } from '../src/index.ts';

export const PG_URL = process.env.CHAPERONE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty ledger location (path or URL), and a cleanup for it. */
  fresh(): Promise<{ location: string; cleanup(): Promise<void>; dir: string }>;
  /** Runs raw SQL against the location as an attacker with direct access would. */
  raw(location: string, statements: string[]): Promise<void>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
    return { dir, location: join(dir, 'ledger.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  async raw(location, statements) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(location);
    try {
      for (const s of statements) db.exec(s);
    } finally {
      db.close();
    }
  },
};

async function withClient<T>(schema: string | undefined, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const postgres: Backend = {
  name: 'postgres',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
    const schema = `t_${randomBytes(6).toString('hex')}`;
    return {
      dir,
      location: `${PG_URL}?schema=${schema}`,
      cleanup: async () => {
        await withClient(undefined, (c) => c.query(`drop schema if exists ${schema} cascade`));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  async raw(location, statements) {
    const schema = new URL(location).searchParams.get('schema') ?? 'public';
    await withClient(schema, async (c) => {
      for (const s of statements) await c.query(s);
    });
  },
};

export const BACKENDS: Backend[] = [sqlite, postgres];

/**
 * Verify on each backend, on this thread and spread over two threads in ranges of three
 * entries (what a million-entry ledger does), so every tamper case is caught both ways,
 * across range edges too.
 */
export const VERIFY_RUNS = BACKENDS.flatMap((backend) =>
  [
    { label: 'one thread', options: {} },
    { label: 'two threads, ranges of 3', options: { threads: 2, rangeSize: 3 } },
  ].map((threads) => ({ ...backend, threads })),
);

/**
 * Per-test ledgers, closed and removed after each test: `open(backend)` gives a new ledger,
 * `place(backend)` only a new location.
 */
export function ledgerTests() {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  return {
    cleanups,
    async place(backend: Backend) {
      const f = await backend.fresh();
      cleanups.push(f.cleanup);
      return f;
    },
    async open(backend: Backend) {
      const f = await backend.fresh();
      const ledger = await Ledger.open(f.location, { create: true, cwd: f.dir });
      cleanups.push(async () => {
        await ledger.close();
        await f.cleanup();
      });
      return { ...f, ledger };
    },
  };
}
