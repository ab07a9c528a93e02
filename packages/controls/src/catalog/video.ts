import { GUIDE_URL } from '../guide.ts';
import { section } from './define.ts';

const RECORDING_MEDIA = 'https://www.twilio.com/docs/video/api/recordings-resource#get-media-subresource';

export const video = section('twilio', 'Programmable Video', [
  {
    id: 'TW-VIDEO-GROUP-ROOMS',
    classification: 'required',
    summary: 'Only Group Rooms are covered by the BAA',
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Create rooms with `Type=group` or `group-small` (`POST video.twilio.com/v1/Rooms`), and set the default room type to Group in Console > Video > Settings so peer-to-peer and Go rooms are never created.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-VIDEO-MEDIA-AUTH',
    classification: 'required',
    summary: 'Fetch recording/composition media with HTTP basic auth (AccountSid + token); the returned pre-signed URL (valid up to 1 h, no auth) must be kept secret',
    // Scan + attest: the scan reads where media is stored (an http S3 URL fails, an unreadable
    // setting is unknown, any other storage goes to a person as manual); how the application
    // fetches media and keeps the pre-signed URL secret no API shows, so a person attests it.
    // Not `guard`: the fetch helper is a tool, not a check.
    verification: ['scan', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Fetch `/Media` of recordings and compositions server-side with your account SID and token (or API key), stream the content to the user yourself, and never log or hand out the pre-signed redirect URL.',
    reference: RECORDING_MEDIA,
  },
  {
    id: 'TW-VIDEO-DATATRACK',
    classification: 'special-consideration',
    summary: 'Third-party apps used with DataTrack need their own BAA',
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Sign a BAA with every third party whose app sends or receives DataTrack messages carrying PHI, or keep PHI off DataTrack, then attest it in chaperone.yaml.',
    reference: 'https://www.twilio.com/docs/video/android-using-datatrack-api-v5',
  },
  {
    id: 'TW-VIDEO-ENCRYPTION',
    classification: 'recommended',
    summary: 'Encrypt recordings/compositions with the customer\'s public key',
    // Hardening beyond the guide: its Video section has no encryption item. A
    // recommendation, so never `fail` (advisory).
    verification: ['scan'],
    severity: 'medium',
    hipaaCitation: ['164.312(a)(2)(iv)'],
    remediation: 'Upload a public key and enable encryption in Console > Video > Recordings/Compositions settings (`POST video.twilio.com/v1/RecordingSettings/Default` and `/v1/CompositionSettings/Default` with EncryptionEnabled=true and EncryptionKeySid).',
    reference: RECORDING_MEDIA,
  },
]);
