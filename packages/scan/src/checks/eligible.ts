// TW-ELIGIBLE-ONLY: one finding per account summarising resources that live on products
// outside the guide's HIPAA Eligible Products list (AI Assistants, Marketplace add-ons,
// WhatsApp / Messenger / other non-eligible channels). The per-product controls judge each
// resource; this one answers "does this account use anything non-eligible at all?".
import { isEligibleTwilioHost } from '@chaperone/controls';
import type { Check } from '../check.ts';
import type { InventoryResource } from '../types.ts';
import { NON_ELIGIBLE_ADDRESS_TYPES, NON_ELIGIBLE_FLEX_CHANNELS, NON_ELIGIBLE_PREFIX, NON_ELIGIBLE_SENDER_TYPES } from './channels.ts';
import { fieldAt } from './evidence.ts';
import { accountFinding } from './finding.ts';
import { byAccount } from './resources.ts';

interface NonEligibleKind {
  kind: string;
  label: string;
  /** Which resources of the kind are non-eligible; absent = the whole product is. */
  matches?: (r: InventoryResource) => boolean;
}

const lower = (v: unknown) => String(v ?? '').toLowerCase();

/** Whole products whose API domain is not on the eligible list (checked, not assumed, below). */
const PRODUCT_KINDS: readonly (NonEligibleKind & { domain: string })[] = [
  { kind: 'assistants.assistant', label: 'AI Assistants', domain: 'assistants' },
  { kind: 'marketplace.installed_add_on', label: 'Marketplace add-ons installed', domain: 'marketplace' },
];

/** Eligible products' resources that use a non-eligible channel. */
const CHANNEL_KINDS: readonly NonEligibleKind[] = [
  { kind: 'api.assigned_add_on', label: 'Marketplace add-ons assigned to numbers' },
  {
    kind: 'messaging.channel_sender',
    label: 'WhatsApp/Messenger senders',
    matches: (r) => NON_ELIGIBLE_PREFIX.test(String(r.fields.sender ?? '')) || NON_ELIGIBLE_SENDER_TYPES.has(lower(r.fields.sender_type)),
  },
  { kind: 'conversations.address', label: 'Conversations addresses on non-eligible channels', matches: (r) => NON_ELIGIBLE_ADDRESS_TYPES.has(lower(r.fields.type)) },
  {
    kind: 'conversations.participant',
    label: 'Conversations participants on non-eligible channels',
    matches: (r) =>
      NON_ELIGIBLE_PREFIX.test(String(fieldAt(r.fields, 'messaging_binding.address') ?? '')) ||
      NON_ELIGIBLE_PREFIX.test(String(fieldAt(r.fields, 'messaging_binding.proxy_address') ?? '')) ||
      NON_ELIGIBLE_SENDER_TYPES.has(lower(fieldAt(r.fields, 'messaging_binding.type'))),
  },
  { kind: 'verify.service', label: 'Verify services with a WhatsApp channel', matches: (r) => !!fieldAt(r.fields, 'whatsapp.from') || !!fieldAt(r.fields, 'whatsapp.msg_service_sid') },
  { kind: 'flex.flex_flow', label: 'Flex Flows on non-eligible channels', matches: (r) => NON_ELIGIBLE_FLEX_CHANNELS.has(lower(r.fields.channel_type)) },
];

// A product that became eligible must not keep being reported: the catalog's list decides.
const KINDS: readonly NonEligibleKind[] = [...PRODUCT_KINDS.filter((p) => !isEligibleTwilioHost(`${p.domain}.twilio.com`)), ...CHANNEL_KINDS];

export const eligibleOnly: Check = {
  name: 'eligible-products-inventory',
  control: 'TW-ELIGIBLE-ONLY',
  // Any kind not collected leaves the inventory incomplete: the engine makes it unknown.
  needs: KINDS.map((k) => k.kind),
  run: (inventory) => {
    const counts = new Map<string, Map<string, number>>();
    for (const { kind, label, matches } of KINDS) {
      for (const [account, resources] of byAccount(inventory, kind)) {
        const n = resources.filter((r) => !matches || matches(r)).length;
        if (n === 0) continue;
        const perAccount = counts.get(account.sid) ?? new Map<string, number>();
        perAccount.set(label, n);
        counts.set(account.sid, perAccount);
      }
    }
    return [...byAccount(inventory, KINDS[0]!.kind).keys()].map((account) => {
      const found = counts.get(account.sid);
      if (!found) return accountFinding('TW-ELIGIBLE-ONLY', 'pass', account, 'no resources on non-eligible products or channels');
      const summary = [...found].map(([label, n]) => `${label}: ${n}`).join('; ');
      return accountFinding('TW-ELIGIBLE-ONLY', 'fail', account, `resources on non-eligible products or channels: ${summary}`);
    });
  },
};
