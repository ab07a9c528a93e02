// SIP: Secure (TLS + SRTP) domains and trunks, and call authentication on every domain.
import type { Check } from '../check.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';
import type { InventoryResource } from '../types.ts';

export const sipDomainTls: Check = {
  name: 'sip-domain-secure',
  control: 'TW-SIP-INTERFACE-TLS',
  needs: ['api.sip_domain'],
  run: (inventory) =>
    ofKind(inventory, 'api.sip_domain').map((d) =>
      typeof d.fields.secure !== 'boolean'
        ? resourceFinding('TW-SIP-INTERFACE-TLS', 'unknown', d, 'secure absent: the setting cannot be read')
        : d.fields.secure
        ? resourceFinding('TW-SIP-INTERFACE-TLS', 'pass', d, 'secure = true')
        : resourceFinding('TW-SIP-INTERFACE-TLS', 'fail', d, `secure = ${String(d.fields.secure)}`),
    ),
};

export const sipTrunkSecure: Check = {
  name: 'sip-trunk-secure',
  control: 'TW-SIP-TRUNK-SECURE',
  needs: ['trunking.trunk'],
  run: (inventory) =>
    ofKind(inventory, 'trunking.trunk').map((t) =>
      typeof t.fields.secure !== 'boolean'
        ? resourceFinding('TW-SIP-TRUNK-SECURE', 'unknown', t, 'secure absent: the setting cannot be read')
        : t.fields.secure
        ? resourceFinding('TW-SIP-TRUNK-SECURE', 'pass', t, 'secure = true')
        : resourceFinding('TW-SIP-TRUNK-SECURE', 'fail', t, `secure = ${String(t.fields.secure)}`),
    ),
};

export const sipDomainAuth: Check = {
  name: 'sip-domain-auth',
  control: 'TW-SIP-SECURITY',
  needs: ['api.sip_domain', 'api.sip_domain_auth_mappings'],
  run(inventory) {
    const mappings = new Map<string, InventoryResource[]>();
    for (const m of ofKind(inventory, 'api.sip_domain_auth_mappings')) {
      const key = `${m.account}/${m.parent}`;
      mappings.set(key, [...(mappings.get(key) ?? []), m]);
    }
    return ofKind(inventory, 'api.sip_domain').map((d) => {
      const own = mappings.get(`${d.account}/${d.sid}`) ?? [];
      const credentialLists = own.filter((m) => m.fields.mapping_type === 'credential_list').length;
      const ipAcls = own.filter((m) => m.fields.mapping_type === 'ip_access_control_list').length;
      return own.length === 0
        ? resourceFinding('TW-SIP-SECURITY', 'fail', d, 'no credential list and no IP access control list mapped for calls')
        : resourceFinding('TW-SIP-SECURITY', 'pass', d, `calls authenticated: ${credentialLists} credential list(s), ${ipAcls} IP ACL(s)`);
    });
  },
};
