import type { ControlId } from '@chaperone/controls';
import { ELIGIBLE_TWILIO_API_DOMAINS } from '@chaperone/controls';
import type { Decision, Rule } from '../decision.ts';

// Bot products get their own control; the rest fall under TW-ELIGIBLE-ONLY.
const SPECIFIC: Record<string, ControlId> = {
  autopilot: 'TW-AUTOPILOT',
  assistants: 'TW-AUTOPILOT',
  marketplace: 'TW-MARKETPLACE',
};

// serverless-upload.twilio.com is the upload endpoint of Serverless (assets and function
// versions are created there), so it belongs to the Serverless product.
const ALIASES: Record<string, string> = { 'serverless-upload': 'serverless' };

// Provisioning and account-administration APIs that no PHI workflow runs on: phone-number
// regulatory bundles and porting (numbers), price lists (pricing), business identity
// profiles (trusthub) and inbound processing regions (routes). They are not in the guide's
// eligible list because they are not messaging or voice products; refusing them blocked
// ordinary provisioning (the controls audit's d8). What they carry is the business's own
// data, never a patient's, so they pass; any other host off the eligible list is refused.
export const ADMINISTRATION_DOMAINS: readonly string[] = ['numbers', 'pricing', 'routes', 'trusthub'];

export interface EligibleProductOptions {
  /** Extra API subdomains your BAA covers (e.g. a product added to the eligible list after the guide). */
  extraEligibleDomains?: readonly string[];
}

export function eligibleProductsRule(options: EligibleProductOptions = {}): Rule {
  const eligible = new Set([...ELIGIBLE_TWILIO_API_DOMAINS, ...ADMINISTRATION_DOMAINS, ...(options.extraEligibleDomains ?? [])]);
  return {
    name: 'eligible-products',
    controlId: 'TW-ELIGIBLE-ONLY',
    check(request): Decision | undefined {
      if (request.product === '') {
        return { controlId: 'TW-ELIGIBLE-ONLY', reason: 'the request is not addressed to a twilio.com API host', fix: 'send Twilio API requests only to *.twilio.com hosts' };
      }
      const product = ALIASES[request.product] ?? request.product;
      if (eligible.has(product)) return undefined;
      // The SDK's validateSslCert() probes tls-test.twilio.com: a bare GET that carries no data.
      if (product === 'tls-test' && request.method === 'GET' && request.params.size === 0) return undefined;
      return {
        controlId: SPECIFIC[product] ?? 'TW-ELIGIBLE-ONLY',
        reason: `the ${request.product}.twilio.com API is not a HIPAA Eligible Product`,
        fix: 'build PHI workflows only on HIPAA Eligible Products and Services; keep PHI out of this product',
      };
    },
  };
}
