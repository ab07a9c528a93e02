// Functions and Assets: public function / asset versions (TW-RT-FUNCTIONS,
// TW-RT-ASSETS-PRIVATE) and PHI in environment variables (TW-RT-FUNCTIONS).
import type { Check } from '../check.ts';
import { detectPhi } from '@chaperone/phi';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';

export const publicAssets: Check = {
  name: 'serverless-public-assets',
  control: 'TW-RT-ASSETS-PRIVATE',
  needs: ['serverless.asset_version'],
  run: (inventory) =>
    ofKind(inventory, 'serverless.asset_version').map((a) => {
      const visibility = a.fields.visibility;
      // The guide: PHI in Private assets only. A protected asset answers any Twilio-signed request.
      if (visibility === 'private') return resourceFinding('TW-RT-ASSETS-PRIVATE', 'pass', a, 'visibility = private');
      if (typeof visibility !== 'string' || visibility === '') return resourceFinding('TW-RT-ASSETS-PRIVATE', 'unknown', a, 'visibility absent: whether the asset is private cannot be read');
      const who = visibility === 'public' ? 'anyone on the internet can read it' : 'not private: any Twilio-signed request can read it';
      return resourceFinding('TW-RT-ASSETS-PRIVATE', 'fail', a, `path = ${String(a.fields.path)}, visibility = ${visibility}: ${who}; PHI belongs in private assets only`);
    }),
};

export const publicFunctions: Check = {
  name: 'serverless-public-functions',
  control: 'TW-RT-FUNCTIONS',
  needs: ['serverless.function_version'],
  run: (inventory) =>
    ofKind(inventory, 'serverless.function_version').map((f) => {
      const visibility = f.fields.visibility;
      if (typeof visibility !== 'string' || visibility === '') return resourceFinding('TW-RT-FUNCTIONS', 'unknown', f, 'visibility absent: whether the function is public cannot be read');
      return visibility === 'public'
        ? resourceFinding('TW-RT-FUNCTIONS', 'fail', f, `path = ${String(f.fields.path)}, visibility = public: review that it serves no PHI without authentication`)
        : resourceFinding('TW-RT-FUNCTIONS', 'pass', f, `visibility = ${visibility}`);
    }),
};

export const variablesPhi: Check = {
  name: 'serverless-variables-phi',
  control: 'TW-RT-FUNCTIONS',
  needs: ['serverless.variable'],
  run: (inventory) =>
    ofKind(inventory, 'serverless.variable').map((v) => {
      const key = String(v.fields.key ?? '');
      if (typeof v.fields.value !== 'string') return resourceFinding('TW-RT-FUNCTIONS', 'unknown', v, `variable ${key}: value absent, so it cannot be checked for PHI`);
      // A URL in a variable is the app's own endpoint (EHR_BASE_URL), not a patient's.
      const hits = detectPhi(String(v.fields.value ?? '')).filter((h) => h.type !== 'URL');
      const types = [...new Set(hits.map((h) => h.type))].sort();
      return types.length > 0
        ? resourceFinding('TW-RT-FUNCTIONS', 'fail', v, `variable ${key}: ${types.join(', ')}`, { observed: true })
        : resourceFinding('TW-RT-FUNCTIONS', 'pass', v, `variable ${key}: no PHI detected`);
    }),
};
