// TW-VOICE-RECORDING-ENCRYPTION (recommended): recordings encrypted with the customer's key.
import type { Check } from '../check.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';

export const recordingEncryption: Check = {
  name: 'voice-recording-encryption',
  control: 'TW-VOICE-RECORDING-ENCRYPTION',
  needs: ['api.recording'],
  run: (inventory) =>
    ofKind(inventory, 'api.recording').map((r) => {
      const details = r.fields.encryption_details;
      // null is the API saying "not encrypted"; a field that is not there at all says nothing.
      if (details === undefined) return resourceFinding('TW-VOICE-RECORDING-ENCRYPTION', 'unknown', r, 'encryption_details absent: whether the recording is encrypted cannot be read');
      const encrypted = details !== null && details !== undefined && details !== '' && !(typeof details === 'object' && Object.keys(details).length === 0);
      return encrypted
        ? resourceFinding('TW-VOICE-RECORDING-ENCRYPTION', 'pass', r, 'encryption_details present')
        : resourceFinding('TW-VOICE-RECORDING-ENCRYPTION', 'fail', r, 'encryption_details = null: not encrypted with a customer public key');
    }),
};
