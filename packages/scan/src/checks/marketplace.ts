// TW-MARKETPLACE: no third-party add-on is HIPAA eligible, installed or assigned to a number.
// TW-VOICE-TRANSCRIPTION and TW-LOOKUP-ADDONS read the same installed add-ons: the guide
// singles out transcription add-ons (Twilio's own transcription is eligible, theirs is not)
// and Lookup add-ons, so each add-on is classified by what it says it does.
import type { ControlId } from '@chaperone/controls';
import type { Check } from '../check.ts';
import type { InventoryResource } from '../types.ts';
import { accountFinding, resourceFinding } from './finding.ts';
import { byAccount } from './resources.ts';

function addOnCheck(name: string, kind: string, what: string): Check {
  return {
    name,
    control: 'TW-MARKETPLACE',
    needs: [kind],
    run: (inventory) =>
      [...byAccount(inventory, kind)].flatMap(([account, addOns]) =>
        addOns.length === 0
          ? [accountFinding('TW-MARKETPLACE', 'pass', account, `no ${what}`)]
          : addOns.map((a) => resourceFinding('TW-MARKETPLACE', 'fail', a, `${what}: ${addOnName(a)}`)),
      ),
  };
}

export const installedAddOns = addOnCheck('marketplace-installed-add-ons', 'marketplace.installed_add_on', 'Marketplace add-on installed');
export const assignedAddOns = addOnCheck('marketplace-assigned-add-ons', 'api.assigned_add_on', 'add-on assigned to a phone number');

function addOnName(a: InventoryResource): string {
  return String(a.fields.unique_name ?? a.sid);
}

/** What an add-on says about itself: names, description and its configuration (which names the engine or the API it hooks). */
function addOnText(a: InventoryResource): string {
  const configuration = a.fields.configuration;
  const config = typeof configuration === 'string' ? configuration : JSON.stringify(configuration ?? '');
  return [a.fields.unique_name, a.fields.friendly_name, a.fields.description, config].map((v) => String(v ?? '')).join(' ').toLowerCase();
}

// Marketplace listings name their purpose in plain words ("IBM Watson Speech to Text",
// "VoiceBase High Accuracy Transcription", "Whitepages Pro Caller Identity"); matching
// those words is all the API allows (the add-on resource has no category field).
const TRANSCRIPTION = /transcri|speech[\s_-]*to[\s_-]*text|speech[\s_-]*recogni|\bstt\b|voicebase|recording[\s_-]*analysis/;
const LOOKUP = /lookup|caller[\s_-]*(name|id)|carrier|number[\s_-]*(intel|verif|reputation)|phone[\s_-]*(intel|reputation|validation)|whitepages|ekata|nomorobo|spam|fraud[\s_-]*score|line[\s_-]*type/;

function classifiedAddOnCheck(name: string, control: ControlId, pattern: RegExp, what: string): Check {
  return {
    name,
    control,
    needs: ['marketplace.installed_add_on'],
    run: (inventory) =>
      [...byAccount(inventory, 'marketplace.installed_add_on')].flatMap(([account, addOns]) => {
        const matching = addOns.filter((a) => pattern.test(addOnText(a)));
        return matching.length === 0
          ? [accountFinding(control, 'pass', account, `no ${what} add-on installed (${addOns.length} add-on(s) checked)`)]
          : matching.map((a) => resourceFinding(control, 'fail', a, `${what} add-on installed: ${addOnName(a)} (not HIPAA eligible)`));
      }),
  };
}

export const transcriptionAddOns = classifiedAddOnCheck('marketplace-transcription-add-ons', 'TW-VOICE-TRANSCRIPTION', TRANSCRIPTION, 'transcription');
export const lookupAddOns = classifiedAddOnCheck('marketplace-lookup-add-ons', 'TW-LOOKUP-ADDONS', LOOKUP, 'Lookup');
