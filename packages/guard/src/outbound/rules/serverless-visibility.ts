import type { Decision, Rule } from '../decision.ts';

const VERSIONS = /^\/v1\/Services\/[^/]+\/(Assets|Functions)\/[^/]+\/Versions\/?$/;

/** Public Serverless assets and functions are on the open internet: no PHI there. */
export const serverlessVisibilityRule: Rule = {
  name: 'serverless-visibility',
  controlId: 'TW-RT-ASSETS-PRIVATE',
  check(request): Decision | undefined {
    if (request.product !== 'serverless' && request.product !== 'serverless-upload') return undefined;
    if (request.method !== 'POST') return undefined;
    const match = VERSIONS.exec(request.path);
    if (!match) return undefined;
    const visibility = request.params.get('Visibility')?.[0]?.trim().toLowerCase();
    if (visibility !== 'public') return undefined;
    const asset = match[1] === 'Assets';
    return {
      controlId: asset ? 'TW-RT-ASSETS-PRIVATE' : 'TW-RT-FUNCTIONS',
      reason: `parameter Visibility makes the ${asset ? 'asset' : 'function'} version public`,
      fix: asset ? 'upload assets that may hold PHI with Visibility=private' : 'deploy functions that handle PHI as protected (Twilio-signed requests only) or private',
    };
  },
};
