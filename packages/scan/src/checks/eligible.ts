// TW-ELIGIBLE-ONLY: one finding per account summarising resources that live on products
// outside the guide's HIPAA Eligible Products list (AI Assistants, Marketplace add-ons,
// Proxy, Notify and Conversational Intelligence services, WhatsApp / Messenger / other
// non-eligible channels). The per-product controls judge each
// resource; this one answers "does this account use anything non-eligible at all?".
import { isEligibleTwilioHost } from '@chaperone/controls';
import type { Check } from '../check.ts';
import type { InventoryResource } from '../types.ts';
import { addressVerdict, flexFlowVerdict, participantVerdict, senderVerdict, verifyVerdict, type ChannelVerdict } from './channels.ts';
import { accountFinding } from './finding.ts';
import { byAccount } from './resources.ts';

interface NonEligibleKind {
  kind: string;
  label: string;
  /** The channel policy's verdict on each resource (channels.ts); absent = the whole product is non-eligible. */
  verdict?: (r: InventoryResource) => ChannelVerdict;
}

/** Whole products whose API domain is not on the eligible list (checked, not assumed, below). */
const PRODUCT_KINDS: readonly (NonEligibleKind & { domain: string })[] = [
  { kind: 'assistants.assistant', label: 'AI Assistants', domain: 'assistants' },
  { kind: 'marketplace.installed_add_on', label: 'Marketplace add-ons installed', domain: 'marketplace' },
  { kind: 'proxy.service', label: 'Proxy services', domain: 'proxy' },
  { kind: 'notify.service', label: 'Notify services', domain: 'notify' },
  { kind: 'intelligence.service', label: 'Conversational Intelligence services', domain: 'intelligence' },
];

/** Eligible products' resources that use a non-eligible channel, judged as the channel checks judge them. */
const CHANNEL_KINDS: readonly NonEligibleKind[] = [
  { kind: 'api.assigned_add_on', label: 'Marketplace add-ons assigned to numbers' },
  { kind: 'messaging.channel_sender', label: 'senders on non-eligible channels', verdict: senderVerdict },
  { kind: 'conversations.address', label: 'Conversations addresses on non-eligible channels', verdict: addressVerdict },
  { kind: 'conversations.participant', label: 'Conversations participants on non-eligible channels', verdict: participantVerdict },
  { kind: 'verify.service', label: 'Verify services with a WhatsApp channel', verdict: verifyVerdict },
  { kind: 'flex.flex_flow', label: 'Flex Flows on non-eligible channels', verdict: flexFlowVerdict },
];

// A product that became eligible must not keep being reported: the catalog's list decides.
const KINDS: readonly NonEligibleKind[] = [...PRODUCT_KINDS.filter((p) => !isEligibleTwilioHost(`${p.domain}.twilio.com`)), ...CHANNEL_KINDS];

/** What the pass covers, named in its evidence: the check claims no more than the kinds it read. */
const INVENTORIED = KINDS.map((k) => k.kind).join(', ');

export const eligibleOnly: Check = {
  name: 'eligible-products-inventory',
  control: 'TW-ELIGIBLE-ONLY',
  // Any kind not collected leaves the inventory incomplete: the engine makes it unknown.
  needs: KINDS.map((k) => k.kind),
  run: (inventory) => {
    const counts = new Map<string, Map<string, number>>();
    const unreadable = new Map<string, Map<string, number>>();
    const add = (into: Map<string, Map<string, number>>, account: string, label: string, n: number) => {
      if (n === 0) return;
      const perAccount = into.get(account) ?? new Map<string, number>();
      perAccount.set(label, n);
      into.set(account, perAccount);
    };
    for (const { kind, label, verdict } of KINDS) {
      for (const [account, resources] of byAccount(inventory, kind)) {
        const statuses = resources.map((r) => (verdict ? verdict(r).status : 'fail'));
        add(counts, account.sid, label, statuses.filter((s) => s === 'fail').length);
        add(unreadable, account.sid, kind, statuses.filter((s) => s === 'unknown').length);
      }
    }
    const listed = (m: Map<string, number>) => [...m].map(([label, n]) => `${label}: ${n}`).join('; ');
    return [...byAccount(inventory, KINDS[0]!.kind).keys()].map((account) => {
      const found = counts.get(account.sid);
      if (found) return accountFinding('TW-ELIGIBLE-ONLY', 'fail', account, `resources on non-eligible products or channels: ${listed(found)}`);
      // A resource whose channel cannot be read may be on a non-eligible one: never pass.
      const unread = unreadable.get(account.sid);
      if (unread) return accountFinding('TW-ELIGIBLE-ONLY', 'unknown', account, `channel not readable on ${listed(unread)}`);
      return accountFinding('TW-ELIGIBLE-ONLY', 'pass', account, `no resource on a non-eligible product or channel in what was read (${INVENTORIED})`);
    });
  },
};
