// Core API (api.twilio.com/2010-04-01): numbers and their add-ons, short codes, TwiML apps, SIP
// domains and their call-auth mappings, voice recordings.
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

const base = (account: string) => `/2010-04-01/Accounts/${account}`;

export const apiCollector: Collector = {
  area: 'api',
  kinds: [
    'api.incoming_phone_number',
    'api.short_code',
    'api.assigned_add_on',
    'api.application',
    'api.sip_domain',
    'api.sip_domain_auth_mappings',
    'api.recording',
  ],
  async collect(ctx) {
    const root = base(ctx.account);
    const list = (path: string, key: string) => listAll(ctx.client, twilioUrl('api', `${root}${path}`), key);
    const numbers = ctx.kind('api.incoming_phone_number', () => list('/IncomingPhoneNumbers.json', 'incoming_phone_numbers'));
    const addOns = numbers.then((parents) =>
      ctx.perParent('api.assigned_add_on', 'api.incoming_phone_number', parents, (n) =>
        list(`/IncomingPhoneNumbers/${String(n.sid)}/AssignedAddOns.json`, 'assigned_add_ons'),
      ),
    );
    // Short codes have their own SMS webhooks (sms_url, sms_fallback_url) for TW-HTTPS.
    const shortCodes = ctx.kind('api.short_code', () => list('/SMS/ShortCodes.json', 'short_codes'));
    const apps = ctx.kind('api.application', () => list('/Applications.json', 'applications'));
    const domains = ctx.kind('api.sip_domain', () => list('/SIP/Domains.json', 'domains'));
    const mappings = domains.then((parents) =>
      ctx.perParent('api.sip_domain_auth_mappings', 'api.sip_domain', parents, async (d) => {
        const sid = String(d.sid);
        // Both kinds of call authentication count: credential lists and IP access control lists.
        const [credentials, ipAcls] = await Promise.all([
          list(`/SIP/Domains/${sid}/Auth/Calls/CredentialListMappings.json`, 'contents'),
          list(`/SIP/Domains/${sid}/Auth/Calls/IpAccessControlListMappings.json`, 'contents'),
        ]);
        return [
          ...credentials.map((m) => ({ ...m, mapping_type: 'credential_list' })),
          ...ipAcls.map((m) => ({ ...m, mapping_type: 'ip_access_control_list' })),
        ];
      }),
    );
    const recordings = ctx.kind('api.recording', () => list('/Recordings.json', 'recordings'));
    await Promise.all([numbers, shortCodes, addOns, apps, domains, mappings, recordings]);
  },
};
