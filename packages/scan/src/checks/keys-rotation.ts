// TW-KEYS-ROTATION (beyond the guide; 164.308(a)(5)(ii)(D), password management): an API
// key older than `twilio.apiKeyMaxAgeDays` in chaperone.yaml (90 days unless set) is due
// for rotation. Whether a key is Main or Standard is not in the Keys API, so "Main only
// where Standard would not do" is the attest half of the control (a manual finding).
import type { Check } from '../check.ts';
import { KEY_KIND } from '../collect/keys.ts';
import { accountFinding, resourceFinding } from './finding.ts';
import { byAccount } from './resources.ts';

export const DEFAULT_API_KEY_MAX_AGE_DAYS = 90;

const DAY_MS = 86_400_000;

export const keysRotation: Check = {
  name: 'api-keys-rotation',
  control: 'TW-KEYS-ROTATION',
  needs: [KEY_KIND],
  run(inventory, context) {
    const maxAge = context.apiKeyMaxAgeDays ?? DEFAULT_API_KEY_MAX_AGE_DAYS;
    return [...byAccount(inventory, KEY_KIND)].flatMap(([account, keys]) => {
      if (keys.length === 0) return [accountFinding('TW-KEYS-ROTATION', 'pass', account, 'no API keys in this account')];
      return keys.map((key) => {
        const created = Date.parse(String(key.fields.date_created ?? ''));
        if (Number.isNaN(created)) return resourceFinding('TW-KEYS-ROTATION', 'unknown', key, 'date_created missing: the key\'s age cannot be told');
        const days = Math.floor((context.now.getTime() - created) / DAY_MS);
        const when = new Date(created).toISOString().slice(0, 10);
        return days > maxAge
          ? resourceFinding('TW-KEYS-ROTATION', 'fail', key, `date_created = ${when}: ${days} days old, over the ${maxAge}-day rotation age`)
          : resourceFinding('TW-KEYS-ROTATION', 'pass', key, `date_created = ${when}: ${days} days old (rotation age ${maxAge} days)`);
      });
    });
  },
};
