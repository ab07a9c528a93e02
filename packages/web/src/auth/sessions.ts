// Sessions held on the server: the cookie carries 32 random bytes, the table only their
// SHA-256 (a copy of the database signs no one in). A new id at every sign-in, so an id
// planted before sign-in is worthless.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Role, WebDatabase } from '../db/schema.ts';
import type { IdlePolicy } from './idle.ts';

export interface Session {
  username: string;
  role: Role;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export type SessionLookup =
  | { state: 'active'; session: Session }
  /** No such session (never existed, signed out, or its user was removed). */
  | { state: 'missing' }
  | { state: 'idle'; idleMs: number }
  | { state: 'expired' };

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export class SessionStore {
  constructor(
    private readonly db: Kysely<WebDatabase>,
    private readonly clock: Clock,
    private readonly policy: IdlePolicy,
  ) {}

  /** Starts a session; returns the id for the cookie. */
  async create(username: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const at = this.clock.now();
    await this.db
      .insertInto('web_session')
      .values({ id_hash: hashId(id), username, created_at: at, last_seen_at: at, expires_at: at + this.policy.absoluteMs, csrf_token: randomBytes(24).toString('base64url') })
      .execute();
    return id;
  }

  /**
   * Looks a session up and enforces the idle and absolute limits (an ended session is
   * deleted). `activity` false (polling) leaves the idle timer where it was.
   */
  async resolve(id: string, activity: boolean): Promise<SessionLookup> {
    const idHash = hashId(id);
    const row = await this.db
      .selectFrom('web_session')
      .innerJoin('web_user', 'web_user.username', 'web_session.username')
      .select(['web_session.username', 'web_user.role', 'web_session.csrf_token', 'web_session.created_at', 'web_session.last_seen_at', 'web_session.expires_at'])
      .where('web_session.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return { state: 'missing' };
    const at = this.clock.now();
    const idleMs = at - row.last_seen_at;
    if (idleMs >= this.policy.idleTimeoutMs) {
      await this.destroy(id);
      return { state: 'idle', idleMs };
    }
    if (at >= row.expires_at) {
      await this.destroy(id);
      return { state: 'expired' };
    }
    let lastSeenAt = row.last_seen_at;
    if (activity && at > lastSeenAt) {
      await this.db.updateTable('web_session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
      lastSeenAt = at;
    }
    return {
      state: 'active',
      session: { username: row.username, role: row.role, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt, expiresAt: row.expires_at },
    };
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom('web_session').where('id_hash', '=', hashId(id)).execute();
  }

  /** Removes sessions that ended while no request came (kept from growing without bound). */
  async sweep(): Promise<number> {
    const at = this.clock.now();
    const result = await this.db
      .deleteFrom('web_session')
      .where((eb) => eb.or([eb('last_seen_at', '<=', at - this.policy.idleTimeoutMs), eb('expires_at', '<=', at)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Milliseconds of idleness left for a session (for the page's countdown). */
  remainingMs(session: Session): number {
    return Math.max(0, Math.min(session.lastSeenAt + this.policy.idleTimeoutMs, session.expiresAt) - this.clock.now());
  }
}
