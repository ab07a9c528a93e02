// Dashboard accounts: a name, a role and a scrypt hash. Roles are cumulative: an attester
// can do what a viewer can, an admin what an attester can.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { ROLES, type Role, type WebDatabase } from '../db/schema.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './password.ts';

export class UserInputError extends Error {
  override name = 'UserInputError';
}

/** The password hash of an account that signs in through the identity provider: no password matches it. */
export const EXTERNAL_ACCOUNT = '!external';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function usernameProblem(name: string): string | undefined {
  if (!USERNAME.test(name)) return 'the user name must be 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit';
  return undefined;
}

export interface User {
  username: string;
  role: Role;
}

export class UserStore {
  constructor(
    private readonly db: Kysely<WebDatabase>,
    private readonly clock: Clock,
  ) {}

  /** Adds a user, or with `replace` sets a new role and password for an existing one (ending their sessions). */
  async add(username: string, role: Role, password: string, options: { replace?: boolean } = {}): Promise<'added' | 'replaced'> {
    const nameProblem = usernameProblem(username);
    if (nameProblem) throw new UserInputError(nameProblem);
    const problem = passwordProblem(password);
    if (problem) throw new UserInputError(problem);
    const password_hash = await hashPassword(password);
    const existing = await this.db.selectFrom('web_user').select('username').where('username', '=', username).executeTakeFirst();
    if (existing && !options.replace) throw new UserInputError(`user "${username}" already exists; add --replace to give it a new password and role`);
    if (existing) {
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('web_user').set({ role, password_hash }).where('username', '=', username).execute();
        await tx.deleteFrom('web_session').where('username', '=', username).execute();
      });
      return 'replaced';
    }
    await this.db.insertInto('web_user').values({ username, role, password_hash, created_at: this.clock.now() }).execute();
    return 'added';
  }

  async remove(username: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('web_session').where('username', '=', username).execute();
      const result = await tx.deleteFrom('web_user').where('username', '=', username).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async list(): Promise<User[]> {
    return this.db.selectFrom('web_user').select(['username', 'role']).orderBy('username').execute();
  }

  async get(username: string): Promise<User | undefined> {
    return this.db.selectFrom('web_user').select(['username', 'role']).where('username', '=', username).executeTakeFirst();
  }

  /**
   * An account signed in through the identity provider: created, or its role set to what the
   * provider grants today. It has no password (the marker matches none), and its name holds a
   * colon no local name may, so it never meets a local account.
   */
  async upsertExternal(username: string, role: Role): Promise<void> {
    if (!username.includes(':')) throw new UserInputError('an external account name holds its provider prefix');
    await this.db
      .insertInto('web_user')
      .values({ username, role, password_hash: EXTERNAL_ACCOUNT, created_at: this.clock.now() })
      .onConflict((oc) => oc.column('username').doUpdateSet({ role }))
      .execute();
  }

  /** The user when the password matches; the same work is done whether or not the user exists. */
  async authenticate(username: string, password: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('web_user').select(['username', 'role', 'password_hash']).where('username', '=', username).executeTakeFirst();
    // An account without a password (signed in through the provider) costs the same refusal.
    const hash = row && row.password_hash !== EXTERNAL_ACCOUNT ? row.password_hash : await decoyHash();
    const ok = (await verifyPassword(password, hash)) && row?.password_hash !== EXTERNAL_ACCOUNT;
    if (!row || !ok) return undefined;
    return { username: row.username, role: row.role };
  }
}
