// TW-VOICE-RECORDING-AUTH and TW-MMS-MEDIA-AUTH from the media collector's records: the
// answer to an unauthenticated HEAD on one media URL per account. 401 = Twilio asked for
// credentials (pass). 2xx = served to anyone with the URL (fail). 3xx = Twilio handed a
// pre-signed media location to a caller without credentials, which is how unprotected MMS
// media answers (fail). Anything else (404, 5xx, no answer) proves nothing: unknown. An
// account with no media to probe goes to a person: the setting cannot be seen otherwise.
import type { ControlId } from '@chaperone/controls';
import type { Check } from '../check.ts';
import { MMS_AUTH_KIND, RECORDING_AUTH_KIND, type MediaProbe } from '../collect/media-auth.ts';
import type { FindingStatus } from '../types.ts';
import { accountFinding, resourceFinding } from './finding.ts';
import { byAccount } from './resources.ts';

export function mediaVerdict(probe: MediaProbe): { status: FindingStatus; evidence: string } {
  const sent = 'HEAD on its media URL without credentials';
  if (probe.status === undefined) return { status: 'unknown', evidence: `${sent} got no answer (${probe.error ?? 'no status'})` };
  if (probe.status === 401) return { status: 'pass', evidence: `${sent} answered 401: HTTP auth is enforced` };
  if (probe.status >= 200 && probe.status < 300) return { status: 'fail', evidence: `${sent} answered ${probe.status}: the media is served to anyone holding the URL` };
  if (probe.status >= 300 && probe.status < 400) return { status: 'fail', evidence: `${sent} answered ${probe.status}: a redirect to the media without credentials (not followed)` };
  return { status: 'unknown', evidence: `${sent} answered ${probe.status}, which neither asks for credentials nor serves the media` };
}

function mediaCheck(name: string, control: ControlId, kind: string, what: string): Check {
  return {
    name,
    control,
    needs: [kind],
    run: (inventory) =>
      [...byAccount(inventory, kind)].map(([account, records]) => {
        const record = records[0];
        if (!record) return accountFinding(control, 'manual', account, `no ${what} to probe: confirm "Enforce HTTP Auth on Media URLs" is enabled, and attest it`);
        const verdict = mediaVerdict(record.fields as MediaProbe);
        return resourceFinding(control, verdict.status, record, `${what} ${record.sid}: ${verdict.evidence}`);
      }),
  };
}

export const recordingMediaAuth = mediaCheck('recording-media-auth', 'TW-VOICE-RECORDING-AUTH', RECORDING_AUTH_KIND, 'recording');
export const mmsMediaAuth = mediaCheck('mms-media-auth', 'TW-MMS-MEDIA-AUTH', MMS_AUTH_KIND, 'MMS media');
