// The twin's state: accounts, API keys and resource collections, indexed by account and
// concrete collection path so a request touches one Map, never the whole database.
// Records store only what differs from the kind's defaults; the rest is shared.
import type { Catalog, Kind } from './spec/catalog.ts';
import { Prng } from './prng.ts';

export interface AccountRecord {
  sid: string;
  authToken: string;
  friendlyName: string;
  status: string;
  ownerSid: string | null;
  seq: number;
  /** RFC 2822, when a fixture states it (e.g. a subaccount older than the BAA). */
  dateCreated?: string;
  /** "Enforce HTTP Auth on Media URLs" (Voice and Messaging settings), when a fixture states it; media.ts has Twilio's defaults. */
  mediaHttpAuth?: { voice?: boolean; messaging?: boolean };
}

/** Twilio's key types: only Main keys may reach /Accounts and /Keys; Standard is Twilio's default. */
export type ApiKeyType = 'main' | 'standard' | 'restricted';

export interface ApiKeyRecord {
  sid: string;
  accountSid: string;
  secret: string;
  type: ApiKeyType;
}

export interface Rec {
  /** Stated fields (snake_case), including the key field. */
  own: Record<string, unknown>;
  seq: number;
  /** Rendered JSON, cached until the record changes. */
  json?: string;
}

export class Collection {
  readonly items = new Map<string, Rec>();
  private ordered: Rec[] | undefined;

  constructor(
    readonly kind: Kind,
    readonly accountSid: string,
    /** Values of kind.scopeParams, in order. */
    readonly scope: readonly string[],
    /** Concrete collection path without `.json`. */
    readonly path: string,
    /** Keep each record's rendered JSON until it changes (off only to benchmark rendering). */
    readonly cacheRenders = true,
  ) {}

  put(key: string, rec: Rec): void {
    if (!this.items.has(key)) this.ordered = undefined;
    this.items.set(key, rec);
  }

  remove(key: string): boolean {
    this.ordered = undefined;
    return this.items.delete(key);
  }

  /** Insertion order, as an array so a page is one slice. */
  list(): Rec[] {
    this.ordered ??= [...this.items.values()];
    return this.ordered;
  }
}

/** Fills a path template's params, in order, with values. */
export function fillPath(template: string, values: readonly string[]): string {
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++] ?? ''));
}

export class TwinState {
  readonly accounts = new Map<string, AccountRecord>();
  readonly keys = new Map<string, ApiKeyRecord>();
  private readonly collections = new Map<string, Collection>();
  private seq = 0;
  readonly prng: Prng;

  constructor(
    readonly catalog: Catalog,
    seed = 1,
    /** See Collection.cacheRenders. */
    readonly cacheRenders = true,
  ) {
    this.prng = new Prng(seed);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** A SID with the kind's prefix and 32 hex digits from the seeded PRNG: deterministic per seed. */
  newSid(prefix: string): string {
    return prefix + this.prng.hex32();
  }

  newToken(): string {
    return this.prng.hex32();
  }

  addAccount(account: AccountRecord): void {
    this.accounts.set(account.sid, account);
  }

  masters(): AccountRecord[] {
    return [...this.accounts.values()].filter((a) => a.ownerSid === null);
  }

  subaccountsOf(masterSid: string): AccountRecord[] {
    return [...this.accounts.values()].filter((a) => a.ownerSid === masterSid);
  }

  /** Whether credentials of `authSid` may reach resources of `targetSid` (self, or a master reaching its subaccount). */
  canReach(authSid: string, targetSid: string): boolean {
    if (authSid === targetSid) return true;
    return this.accounts.get(targetSid)?.ownerSid === authSid;
  }

  collectionKey(kind: Kind, accountSid: string, scope: readonly string[]): string {
    return `${accountSid}|${kind.name}|${scope.join('/')}`;
  }

  collection(kind: Kind, accountSid: string, scope: readonly string[]): Collection | undefined {
    return this.collections.get(this.collectionKey(kind, accountSid, scope));
  }

  ensureCollection(kind: Kind, accountSid: string, scope: readonly string[]): Collection {
    const key = this.collectionKey(kind, accountSid, scope);
    let found = this.collections.get(key);
    if (!found) {
      found = new Collection(kind, accountSid, scope, fillPath(kind.listPath ?? collectionTemplate(kind), scope), this.cacheRenders);
      this.collections.set(key, found);
    }
    return found;
  }

  /** Deletes the collections nested under one item, recursively (Twilio deletes children with their parent). */
  removeChildren(kind: Kind, accountSid: string, itemScope: readonly string[]): void {
    for (const child of kind.children.values()) {
      const key = this.collectionKey(child, accountSid, itemScope);
      const coll = this.collections.get(key);
      if (!coll) continue;
      for (const itemKey of coll.items.keys()) this.removeChildren(child, accountSid, [...itemScope, itemKey]);
      this.collections.delete(key);
    }
  }

  /** Whether the parent resource a nested collection hangs from exists. */
  parentExists(kind: Kind, accountSid: string, scope: readonly string[]): boolean {
    const parent = kind.parent;
    if (!parent) return true;
    const parentScope = scope.slice(0, parent.scopeParams.length);
    const parentKey = scope[parent.scopeParams.length];
    if (parentKey === undefined) return false;
    const items = this.collection(parent, accountSid, parentScope)?.items;
    return !!items?.has(parentKey) && this.parentExists(parent, accountSid, parentScope);
  }
}

/**
 * Gives a new record its generated key: a classic SID (`sid`, with the spec's prefix) or an
 * id matching the key field's pattern (`aia_asst_` + 32 hex digits), from the seeded PRNG.
 */
export function assignKey(state: TwinState, kind: Kind, own: Record<string, unknown>): void {
  const idKeyed = kind.keyField !== 'sid' && kind.keyPrefix !== undefined;
  const generated = state.newSid((idKeyed ? kind.keyPrefix : kind.sidPrefix) ?? 'XX');
  if (kind.fields.has('sid') && !idKeyed) own.sid = generated;
  own[kind.keyField] ??= generated;
}

/** The collection path of a kind without a list route: its instance path minus the key. */
export function collectionTemplate(kind: Kind): string {
  if (kind.singleton || !kind.keyParam) return kind.instancePath;
  return kind.instancePath.slice(0, kind.instancePath.lastIndexOf('/'));
}
