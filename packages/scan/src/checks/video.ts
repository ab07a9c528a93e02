// Programmable Video: only Group Rooms (TW-VIDEO-GROUP-ROOMS); recording and composition
// settings: encryption (TW-VIDEO-ENCRYPTION) and external storage to review (TW-VIDEO-MEDIA-AUTH).
import type { Check } from '../check.ts';
import { isHttps, urlEvidence } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';

const GROUP_TYPES = new Set(['group', 'group-small']);

export const groupRooms: Check = {
  name: 'video-group-rooms',
  control: 'TW-VIDEO-GROUP-ROOMS',
  needs: ['video.room'],
  run: (inventory) =>
    ofKind(inventory, 'video.room').map((r) =>
      typeof r.fields.type !== 'string' || r.fields.type === ''
        ? resourceFinding('TW-VIDEO-GROUP-ROOMS', 'unknown', r, 'type absent: the room type cannot be read')
        : GROUP_TYPES.has(r.fields.type)
        ? resourceFinding('TW-VIDEO-GROUP-ROOMS', 'pass', r, `type = ${String(r.fields.type)}`)
        : resourceFinding('TW-VIDEO-GROUP-ROOMS', 'fail', r, `type = ${String(r.fields.type)}: only Group Rooms are covered by the BAA`),
    ),
};

const SETTINGS = ['video.recording_settings', 'video.composition_settings'];

export const videoEncryption: Check[] = SETTINGS.map((kind) => ({
  name: `video-encryption-${kind}`,
  control: 'TW-VIDEO-ENCRYPTION',
  needs: [kind],
  run: (inventory) =>
    ofKind(inventory, kind).map((s) => {
      const enabled = s.fields.encryption_enabled;
      if (typeof enabled !== 'boolean') return resourceFinding('TW-VIDEO-ENCRYPTION', 'unknown', s, 'encryption_enabled absent: the setting cannot be read');
      return enabled
        ? resourceFinding('TW-VIDEO-ENCRYPTION', 'pass', s, `encryption_enabled = true (key ${String(s.fields.encryption_key_sid)})`)
        : resourceFinding('TW-VIDEO-ENCRYPTION', 'fail', s, 'encryption_enabled = false');
    }),
}));

export const videoMediaStorage: Check[] = SETTINGS.map((kind) => ({
  name: `video-media-storage-${kind}`,
  control: 'TW-VIDEO-MEDIA-AUTH',
  needs: [kind],
  run: (inventory) =>
    ofKind(inventory, kind).map((s) => {
      if (typeof s.fields.aws_storage_enabled !== 'boolean') return resourceFinding('TW-VIDEO-MEDIA-AUTH', 'unknown', s, 'aws_storage_enabled absent: where media is stored cannot be read');
      if (!s.fields.aws_storage_enabled) {
        return resourceFinding('TW-VIDEO-MEDIA-AUTH', 'manual', s, 'media stored by Twilio: fetch it with HTTP basic auth and keep the pre-signed URL secret');
      }
      const url = String(s.fields.aws_s3_url ?? '');
      if (url === '') return resourceFinding('TW-VIDEO-MEDIA-AUTH', 'manual', s, 'external storage enabled without a bucket URL: confirm where media goes');
      return isHttps(url)
        ? resourceFinding('TW-VIDEO-MEDIA-AUTH', 'manual', s, `external storage: ${urlEvidence('aws_s3_url', url)}: confirm the bucket is private and under a BAA`)
        : resourceFinding('TW-VIDEO-MEDIA-AUTH', 'fail', s, `external storage not https: ${urlEvidence('aws_s3_url', url)}`);
    }),
}));
