// What a collector gets for one account: the SDK client and `kind()`, which runs the
// gathering of one inventory kind and records whether it worked. A kind that throws is
// recorded not-ok with a sanitized one-line error; kinds that depend on it fail too.
import type { CollectionRecord, InventoryResource } from '../types.ts';
import type { TwilioClient } from '../twilio/client.ts';
import { describeError } from '../http/sanitize.ts';
import type { Json } from './list.ts';
import type { MediaProbe } from './media-auth.ts';

/** Fields never kept in the inventory: links are noise, tokens are secrets. */
const DROPPED_FIELDS = new Set(['links', 'subresource_uris', 'uri', 'auth_token']);

export class CollectContext {
  readonly resources: InventoryResource[] = [];
  readonly collections: CollectionRecord[] = [];

  constructor(
    readonly account: string,
    readonly client: TwilioClient,
    /** One HEAD without credentials on a Twilio media URL (media-auth.ts); where not wired, an error, never an answer. */
    readonly headUnauthenticated: (url: string) => Promise<MediaProbe> = () => Promise.resolve({ error: 'NOT_WIRED' }),
  ) {}

  /**
   * Gathers one kind. Returns the items, or undefined when it failed (already recorded).
   * `sidOf` picks the resource id where the API names it otherwise than `sid`.
   */
  async kind(kind: string, gather: () => Promise<Json[]>, opts: KindOptions = {}): Promise<Json[] | undefined> {
    try {
      const items = await gather();
      for (const item of items) this.add(kind, item, opts);
      this.collections.push({ platform: 'twilio', account: this.account, kind, ok: true });
      return items;
    } catch (error) {
      this.fail(kind, error);
      return undefined;
    }
  }

  /** Gathers `kind` once per parent item; fails whole when the parent kind failed. */
  async perParent(
    kind: string,
    parentKind: string,
    parents: Json[] | undefined,
    gather: (parent: Json) => Promise<Json[]>,
    opts: KindOptions = {},
  ): Promise<Json[] | undefined> {
    if (!parents) {
      this.collections.push({ platform: 'twilio', account: this.account, kind, ok: false, error: `not collected: ${parentKind} could not be listed` });
      return undefined;
    }
    const parentSid = opts.parentSid ?? ((p: Json) => String(p.sid));
    return this.kind(
      kind,
      async () => {
        const batches = await Promise.all(
          parents.map(async (parent) => (await gather(parent)).map((item) => ({ ...item, __parent: parentSid(parent) }))),
        );
        return batches.flat();
      },
      opts,
    );
  }

  fail(kind: string, error: unknown): void {
    this.collections.push({ platform: 'twilio', account: this.account, kind, ok: false, error: describeError(error) });
  }

  private add(kind: string, item: Json, opts: KindOptions): void {
    const fields: Record<string, unknown> = {};
    let parent: string | undefined;
    for (const [key, value] of Object.entries(item)) {
      if (key === '__parent') parent = String(value);
      else if (!DROPPED_FIELDS.has(key)) fields[key] = value;
    }
    const sid = opts.sidOf ? opts.sidOf(item) : String(item.sid ?? '');
    const friendly = item.friendly_name ?? item.unique_name ?? item.name;
    this.resources.push({
      platform: 'twilio',
      kind,
      sid: sid || `${kind}:${this.account}`,
      account: this.account,
      ...(typeof friendly === 'string' && friendly ? { friendlyName: friendly } : {}),
      ...(parent ? { parent } : {}),
      fields,
    });
  }
}

export interface KindOptions {
  sidOf?: (item: Json) => string;
  parentSid?: (parent: Json) => string;
}

/** One API area's collector: gathers its kinds for one account. */
export interface Collector {
  area: string;
  kinds: readonly string[];
  collect(ctx: CollectContext): Promise<void>;
}
