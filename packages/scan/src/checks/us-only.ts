// TW-VOICE-US-ONLY and TW-SMS-US-ONLY: numbers, messaging senders and dialing
// permissions outside US area codes.
import type { Check, CheckContext } from '../check.ts';
import type { ControlId } from '@chaperone/controls';
import type { InventoryResource } from '../types.ts';
import { numberEvidence } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';
import { usVerdict } from './us-numbers.ts';

function numberFinding(control: ControlId, r: InventoryResource, field: string, context: CheckContext) {
  const number = String(r.fields[field] ?? '');
  const verdict = usVerdict(number, { allowedUsTerritories: context.usTerritories ?? [] });
  return verdict.us
    ? resourceFinding(control, 'pass', r, numberEvidence(field, number, `region ${verdict.region}`))
    : resourceFinding(control, 'fail', r, numberEvidence(field, number, verdict.region ? `region ${verdict.region}, not US` : 'not a valid number'));
}

/**
 * Every number the account owns. A non-US number is reported once, here: TW-SMS-US-ONLY
 * looks at what messaging sends through (service numbers and senders), so one foreign
 * number does not count as two failures.
 */
export const voiceNumbersUs: Check = {
  name: 'voice-numbers-us',
  control: 'TW-VOICE-US-ONLY',
  needs: ['api.incoming_phone_number'],
  run: (inventory, context) => ofKind(inventory, 'api.incoming_phone_number').map((n) => numberFinding('TW-VOICE-US-ONLY', n, 'phone_number', context)),
};

/** Numbers in messaging services' sender pools. */
export const smsServiceNumbersUs: Check = {
  name: 'sms-service-numbers-us',
  control: 'TW-SMS-US-ONLY',
  needs: ['messaging.phone_number'],
  run: (inventory, context) => ofKind(inventory, 'messaging.phone_number').map((n) => numberFinding('TW-SMS-US-ONLY', n, 'phone_number', context)),
};

/** Phone-number senders of messaging services (WhatsApp and other channels: TW-SMS-CHANNELS). */
export const smsSendersUs: Check = {
  name: 'sms-senders-us',
  control: 'TW-SMS-US-ONLY',
  needs: ['messaging.channel_sender'],
  run: (inventory, context) =>
    ofKind(inventory, 'messaging.channel_sender')
      .filter((s) => /^\+?\d/.test(String(s.fields.sender ?? '')))
      .map((s) => numberFinding('TW-SMS-US-ONLY', s, 'sender', context)),
};

// Dialing permissions are per ISO country; the territories follow the same policy as numbers.
const usPermissionCountries = (context: CheckContext) => new Set(['US', ...(context.usTerritories ?? [])]);
const PERMISSION_FLAGS = ['low_risk_numbers_enabled', 'high_risk_special_numbers_enabled', 'high_risk_tollfraud_numbers_enabled'];

/** Voice dialing permissions: calling outside the US enabled is flagged for review. */
export const dialingPermissionsUs: Check = {
  name: 'voice-dialing-permissions-us',
  control: 'TW-VOICE-US-ONLY',
  needs: ['voice.dialing_permissions_country'],
  run: (inventory, context) => {
    const usCountries = usPermissionCountries(context);
    return ofKind(inventory, 'voice.dialing_permissions_country').flatMap((c) => {
      const iso = String(c.fields.iso_code);
      const enabled = PERMISSION_FLAGS.filter((f) => c.fields[f] === true);
      if (usCountries.has(iso)) return [resourceFinding('TW-VOICE-US-ONLY', 'pass', c, `${iso}: US dialing permission`)];
      // A flag that cannot be read may be on: unknown, not "calls disabled".
      const unread = PERMISSION_FLAGS.filter((f) => typeof c.fields[f] !== 'boolean');
      if (enabled.length === 0 && unread.length > 0) return [resourceFinding('TW-VOICE-US-ONLY', 'unknown', c, `${iso}: ${unread.join(', ')} absent: whether calls to ${iso} are enabled cannot be read`)];
      return enabled.length > 0 ? [resourceFinding('TW-VOICE-US-ONLY', 'fail', c, `outbound calls to ${iso} enabled (${enabled.join(', ')})`)] : [];
    });
  },
};
