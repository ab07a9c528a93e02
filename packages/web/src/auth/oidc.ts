// Optional sign-in through the team's OpenID Connect provider (openid-client): the
// authorization code flow with PKCE, state and nonce, the client authenticated with its
// secret. The provider's claim (e.g. `groups`) maps to a role; no mapped value, no sign-in.
// The user becomes an account of the dashboard named `oidc:` + the username claim (a colon
// no local name may hold, so an identity provider can never take over a local account),
// with no password, its role set anew at every sign-in; the session is the same
// server-side session a password sign-in gets.
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { ROLES, type Role } from '../db/schema.ts';

export interface OidcOptions {
  /** The issuer URL (its /.well-known/openid-configuration is read at start). */
  issuer: string;
  clientId: string;
  /** Read from the environment or a file by the caller; never logged, never shown. */
  clientSecret: string;
  /** The dashboard's address as the browser sees it (the callback is `${publicUrl}/login/oidc/callback`). */
  publicUrl: string;
  /** The claim holding the groups or roles (default `groups`): a string or a list of strings. */
  roleClaim?: string;
  /** Claim values that grant each role (the highest role any value grants wins). */
  roles: Partial<Record<Role, readonly string[]>>;
  /** The claim that names the user (default `sub`, the one the provider guarantees unique). */
  usernameClaim?: string;
  /** Shown on the sign-in button (default "your identity provider"). */
  label?: string;
  /** Scopes asked for (default `openid profile email`; some providers need `groups` too). */
  scope?: string;
}

export class OidcConfigError extends Error {
  override name = 'OidcConfigError';
}

/** Why a sign-in through the provider ended without a session: shown to the user as is. */
export class OidcSignInError extends Error {
  override name = 'OidcSignInError';
}

export const OIDC_START = '/login/oidc';
export const OIDC_CALLBACK = '/login/oidc/callback';
export const OIDC_USER_PREFIX = 'oidc:';
const PENDING_MS = 10 * 60_000;
const PENDING_MAX = 10_000;
const CLAIM_USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,57}$/;

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  expiresAt: number;
}

function isLoopbackUrl(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

function parseUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OidcConfigError(`${what} is not a URL; give it as https://...`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) throw new OidcConfigError(`${what} must be https:// (plain http only on a loopback address, for testing)`);
  return url;
}

/** The highest role any of the claim's values grants, or undefined. */
export function roleFor(claim: unknown, roles: OidcOptions['roles']): Role | undefined {
  const values = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : [];
  for (const role of [...ROLES].reverse()) if (roles[role]?.some((v) => values.includes(v))) return role;
  return undefined;
}

export class OidcSignIn {
  private readonly pending = new Map<string, Pending>();
  readonly label: string;
  readonly redirectUri: string;

  private constructor(
    private readonly config: client.Configuration,
    private readonly options: OidcOptions,
    private readonly now: () => number,
  ) {
    this.label = options.label ?? 'your identity provider';
    this.redirectUri = `${options.publicUrl.replace(/\/$/, '')}${OIDC_CALLBACK}`;
  }

  /** Reads the provider's metadata; a provider that cannot be reached or read is one line. */
  static async discover(options: OidcOptions, now: () => number = Date.now): Promise<OidcSignIn> {
    const issuer = parseUrl(options.issuer, 'the OIDC issuer');
    parseUrl(options.publicUrl, 'the public URL');
    if (!options.clientId) throw new OidcConfigError('the OIDC client id is empty');
    if (!options.clientSecret) throw new OidcConfigError('the OIDC client secret is empty');
    if (!ROLES.some((r) => options.roles[r]?.length)) throw new OidcConfigError('no claim value maps to a role: give at least one of --oidc-viewer, --oidc-attester, --oidc-admin');
    let config: client.Configuration;
    try {
      config = await client.discovery(issuer, options.clientId, undefined, client.ClientSecretBasic(options.clientSecret), issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined);
    } catch (error) {
      // The library's message may quote the response; the name and code say enough.
      const code = (error as { code?: string }).code;
      throw new OidcConfigError(`cannot read the OIDC provider's configuration at ${issuer.origin}${issuer.pathname} (${(error as Error).name}${code ? ` ${code}` : ''}); check --oidc-issuer`);
    }
    return new OidcSignIn(config, options, now);
  }

  /** Starts a sign-in: the pending id (for a cookie) and the provider's URL to send the browser to. */
  async start(next: string): Promise<{ pendingId: string; url: string }> {
    this.prune();
    const verifier = client.randomPKCECodeVerifier();
    const pending: Pending = { state: client.randomState(), nonce: client.randomNonce(), verifier, next, expiresAt: this.now() + PENDING_MS };
    const pendingId = randomBytes(24).toString('base64url');
    this.pending.set(pendingId, pending);
    const url = client.buildAuthorizationUrl(this.config, {
      redirect_uri: this.redirectUri,
      scope: this.options.scope ?? 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { pendingId, url: url.href };
  }

  /**
   * Completes a sign-in from the callback's query: the user's name and role, and where to go.
   * The pending sign-in must be this browser's (its cookie) and is used once.
   */
  async finish(pendingId: string | undefined, query: string): Promise<{ username: string; role: Role; next: string }> {
    const pending = pendingId ? this.pending.get(pendingId) : undefined;
    if (pendingId) this.pending.delete(pendingId);
    if (!pending || pending.expiresAt < this.now()) throw new OidcSignInError('This sign-in was not started here or took longer than 10 minutes. Start again.');
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(this.config, new URL(`${this.redirectUri}${query}`), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      const code = (error as { code?: string; error?: string }).error ?? (error as { code?: string }).code;
      throw new OidcSignInError(`The identity provider did not sign you in (${code ?? (error as Error).name}). Start again, or sign in with a password.`);
    }
    const claims: Record<string, unknown> = { ...tokens.claims() };
    const roleClaim = this.options.roleClaim ?? 'groups';
    const usernameClaim = this.options.usernameClaim ?? 'sub';
    if ((claims[roleClaim] === undefined || claims[usernameClaim] === undefined) && tokens.access_token) {
      // Many providers put groups in the userinfo response only.
      try {
        Object.assign(claims, { ...(await client.fetchUserInfo(this.config, tokens.access_token, String(claims.sub))) }, { sub: claims.sub });
      } catch (error) {
        throw new OidcSignInError(`The identity provider did not answer for your profile (${(error as Error).name}). Start again, or sign in with a password.`);
      }
    }
    const name = claims[usernameClaim];
    if (typeof name !== 'string' || !CLAIM_USERNAME.test(name)) {
      throw new OidcSignInError(`The identity provider's ${usernameClaim} claim is missing or not a name the dashboard can keep (letters, digits, ".", "_", "@", "-"; up to 58). Ask your administrator to set --oidc-username-claim.`);
    }
    const role = roleFor(claims[roleClaim], this.options.roles);
    if (!role) throw new OidcSignInError(`Your account at the identity provider grants no role in this dashboard (its ${roleClaim} claim names none of the groups configured). Ask your administrator.`);
    return { username: `${OIDC_USER_PREFIX}${name}`, role, next: pending.next };
  }

  private prune(): void {
    const now = this.now();
    for (const [id, p] of this.pending) if (p.expiresAt < now) this.pending.delete(id);
    // A flood of started sign-ins drops the oldest, never grows without bound.
    while (this.pending.size >= PENDING_MAX) this.pending.delete(this.pending.keys().next().value!);
  }
}
