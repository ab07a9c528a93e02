// Test scaffolding: an in-memory SQLite database with the dashboard's tables, a manual clock,
// and a tiny cookie jar over app.request.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ManualClock } from '../src/clock.ts';
import { migrateWeb } from '../src/db/migrations.ts';
import type { WebDatabase } from '../src/db/schema.ts';
import type { DashboardApp } from '../src/app.tsx';

export async function memoryDb(): Promise<Kysely<WebDatabase>> {
  const db = new Kysely<WebDatabase>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await migrateWeb(db, 'sqlite');
  return db;
}

export const ORIGIN = 'http://localhost';

export class Browser {
  cookies = new Map<string, string>();
  constructor(
    private readonly app: DashboardApp,
    public clock: ManualClock,
  ) {}

  async request(path: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('accept', headers.get('accept') ?? 'text/html');
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
    const method = init.method ?? (init.form ? 'POST' : 'GET');
    if (method !== 'GET' && !headers.has('origin') && !headers.has('sec-fetch-site')) headers.set('sec-fetch-site', 'same-origin');
    const res = await this.app.request(`${ORIGIN}${path}`, { ...init, method, headers, body });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (/expires=Thu, 01 Jan 1970|max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async signIn(username: string, password: string): Promise<Response> {
    return this.request('/login', { form: { username, password } });
  }

  /** The CSRF token in a page's forms. */
  async token(path = '/'): Promise<string> {
    const html = await (await this.request(path)).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error(`no CSRF token on ${path}`);
    return match[1]!;
  }
}
