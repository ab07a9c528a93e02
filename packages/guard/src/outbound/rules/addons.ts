import type { Decision, Rule } from '../decision.ts';

const INSTALL_PATHS = [/^\/v1\/InstalledAddOns\/?/, /^\/marketplace\/InstalledAddOns\/?/];
const ASSIGN_PATH = /\/IncomingPhoneNumbers\/[^/]+\/AssignedAddOns(\.json)?\/?$/;

/** Marketplace add-ons are not HIPAA eligible: neither installing them nor invoking them. */
export const addOnsRule: Rule = {
  name: 'marketplace-add-ons',
  controlId: 'TW-MARKETPLACE',
  check(request): Decision | undefined {
    for (const [name, values] of request.params) {
      if (!name.startsWith('AddOns')) continue;
      if (values.every((v) => v.trim() === '')) continue;
      return {
        controlId: request.product === 'lookups' ? 'TW-LOOKUP-ADDONS' : 'TW-MARKETPLACE',
        reason: `parameter ${name} invokes a Marketplace add-on`,
        fix: 'remove AddOns parameters: Marketplace add-ons are not HIPAA eligible (use Lookup v2 data packages or Twilio-native features)',
      };
    }
    const installing =
      request.method === 'POST' &&
      (((request.product === 'marketplace' || request.product === 'preview') && INSTALL_PATHS.some((p) => p.test(request.path))) ||
        (request.product === 'api' && ASSIGN_PATH.test(request.path)));
    if (installing) {
      return { controlId: 'TW-MARKETPLACE', reason: 'the request installs or assigns a Marketplace add-on', fix: 'do not install Marketplace add-ons on HIPAA accounts; they are not HIPAA eligible' };
    }
    return undefined;
  },
};
