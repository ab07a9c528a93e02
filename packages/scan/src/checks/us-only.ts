// TW-VOICE-US-ONLY and TW-SMS-US-ONLY: numbers, messaging senders and dialing
// permissions outside US area codes.
import type { Check } from '../check.ts';
import type { ControlId } from '@chaperone/controls';
import type { InventoryResource } from '../types.ts';
import { numberEvidence } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';
import { usVerdict } from './us-numbers.ts';

/** Unknown capabilities count as capable: fail closed. */
function capable(r: InventoryResource, ...channels: string[]): boolean {
  const caps = r.fields.capabilities as Record<string, unknown> | undefined;
  if (!caps || typeof caps !== 'object') return true;
  return channels.some((c) => caps[c] !== false);
}

function numberCheck(control: ControlId, name: string, channels: string[]): Check {
  return {
    name,
    control,
    needs: ['api.incoming_phone_number'],
    run: (inventory) =>
      ofKind(inventory, 'api.incoming_phone_number')
        .filter((n) => capable(n, ...channels))
        .map((n) => {
          const number = String(n.fields.phone_number ?? '');
          const verdict = usVerdict(number);
          return verdict.us
            ? resourceFinding(control, 'pass', n, numberEvidence('phone_number', number, `region ${verdict.region}`))
            : resourceFinding(control, 'fail', n, numberEvidence('phone_number', number, verdict.region ? `region ${verdict.region}, not US` : 'not a valid number'));
        }),
  };
}

export const voiceNumbersUs = numberCheck('TW-VOICE-US-ONLY', 'voice-numbers-us', ['voice']);
export const smsNumbersUs = numberCheck('TW-SMS-US-ONLY', 'sms-numbers-us', ['sms', 'mms']);

/** Phone-number senders of messaging services (WhatsApp and other channels: TW-SMS-CHANNELS). */
export const smsSendersUs: Check = {
  name: 'sms-senders-us',
  control: 'TW-SMS-US-ONLY',
  needs: ['messaging.channel_sender'],
  run: (inventory) =>
    ofKind(inventory, 'messaging.channel_sender')
      .filter((s) => /^\+?\d/.test(String(s.fields.sender ?? '')))
      .map((s) => {
        const sender = String(s.fields.sender);
        const verdict = usVerdict(sender);
        return verdict.us
          ? resourceFinding('TW-SMS-US-ONLY', 'pass', s, numberEvidence('sender', sender, `region ${verdict.region}`))
          : resourceFinding('TW-SMS-US-ONLY', 'fail', s, numberEvidence('sender', sender, verdict.region ? `region ${verdict.region}, not US` : 'not a valid number'));
      }),
};

const PERMISSION_FLAGS = ['low_risk_numbers_enabled', 'high_risk_special_numbers_enabled', 'high_risk_tollfraud_numbers_enabled'];

/** Voice dialing permissions: calling outside the US enabled is flagged for review. */
export const dialingPermissionsUs: Check = {
  name: 'voice-dialing-permissions-us',
  control: 'TW-VOICE-US-ONLY',
  needs: ['voice.dialing_permissions_country'],
  run: (inventory) =>
    ofKind(inventory, 'voice.dialing_permissions_country')
      .filter((c) => c.fields.iso_code !== 'US')
      .flatMap((c) => {
        const enabled = PERMISSION_FLAGS.filter((f) => c.fields[f] === true);
        return enabled.length > 0 ? [resourceFinding('TW-VOICE-US-ONLY', 'fail', c, `outbound calls to ${String(c.fields.iso_code)} enabled (${enabled.join(', ')})`)] : [];
      }),
};
