import { describe, expect, it } from 'vitest';
import { sipDomainAuth, sipDomainTls, sipTrunkSecure } from '../../src/checks/sip.ts';
import { dialingPermissionsUs, smsSendersUs, smsServiceNumbersUs, voiceNumbersUs } from '../../src/checks/us-only.ts';
import { usVerdict } from '../../src/checks/us-numbers.ts';
import { recordingEncryption } from '../../src/checks/recordings.ts';
import { inventory, res, run, verdicts } from './helpers.ts';

describe('SIP', () => {
  it('TW-SIP-INTERFACE-TLS and TW-SIP-TRUNK-SECURE: secure must be true', () => {
    const inv = inventory([res('api.sip_domain', 'SD1', { secure: true }), res('api.sip_domain', 'SD2', { secure: false }), res('trunking.trunk', 'TK1', { secure: false }), res('trunking.trunk', 'TK2', { secure: true })]);
    expect(verdicts(sipDomainTls, inv)).toEqual(['fail SD2', 'pass SD1']);
    expect(verdicts(sipTrunkSecure, inv)).toEqual(['fail TK1', 'pass TK2']);
  });

  it('TW-SIP-SECURITY: a domain without credential or IP ACL mappings fails', () => {
    const inv = inventory([
      res('api.sip_domain', 'SD1', {}),
      res('api.sip_domain', 'SD2', {}),
      res('api.sip_domain', 'SD3', {}),
      res('api.sip_domain_auth_mappings', 'CL1', { mapping_type: 'credential_list' }, { parent: 'SD1' }),
      res('api.sip_domain_auth_mappings', 'AL1', { mapping_type: 'ip_access_control_list' }, { parent: 'SD3' }),
    ]);
    expect(verdicts(sipDomainAuth, inv)).toEqual(['fail SD2', 'pass SD1', 'pass SD3']);
  });

  it('TW-SIP-SECURITY is unknown when the mappings could not be read', () => {
    const inv = inventory([res('api.sip_domain', 'SD2', {})], { failed: ['api.sip_domain_auth_mappings'] });
    expect(run(sipDomainAuth, inv).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('US-only numbers', () => {
  it('uses the libphonenumber region, not the +1 prefix', () => {
    expect(usVerdict('+14155550101')).toMatchObject({ us: true, region: 'US' });
    expect(usVerdict('+16045550123')).toMatchObject({ us: false, region: 'CA' });
    expect(usVerdict('+18765550123')).toMatchObject({ us: false, region: 'JM' });
    expect(usVerdict('+17875550123')).toMatchObject({ us: false, region: 'PR' });
    expect(usVerdict('+17875550123', { allowedUsTerritories: ['PR'] })).toMatchObject({ us: true, region: 'PR' });
    expect(usVerdict('+18005550123')).toMatchObject({ us: true });
    expect(usVerdict('+442079460123')).toMatchObject({ us: false, region: 'GB' });
    expect(usVerdict('not a number')).toMatchObject({ us: false });
  });

  it('TW-VOICE-US-ONLY fails non-US numbers and masks them', () => {
    const inv = inventory([res('api.incoming_phone_number', 'PN1', { phone_number: '+14155550101' }), res('api.incoming_phone_number', 'PN2', { phone_number: '+16045550123' })]);
    const findings = run(voiceNumbersUs, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail PN2', 'pass PN1']);
    expect(findings.find((f) => f.resource.sid === 'PN2')!.evidence).toBe('phone_number = +1604555**** (region CA, not US)');
    expect(JSON.stringify(findings)).not.toContain('5550123');
  });

  it('TW-VOICE-US-ONLY flags non-US dialing permissions', () => {
    const inv = inventory([
      res('voice.dialing_permissions_country', 'US', { iso_code: 'US', low_risk_numbers_enabled: true }),
      res('voice.dialing_permissions_country', 'MX', { iso_code: 'MX', low_risk_numbers_enabled: true }),
      res('voice.dialing_permissions_country', 'FR', { iso_code: 'FR', low_risk_numbers_enabled: false, high_risk_special_numbers_enabled: false, high_risk_tollfraud_numbers_enabled: false }),
      // Flags that cannot be read may be on: unknown, never "disabled".
      res('voice.dialing_permissions_country', 'DE', { iso_code: 'DE', low_risk_numbers_enabled: false }),
    ]);
    expect(verdicts(dialingPermissionsUs, inv)).toEqual(['fail MX', 'pass US', 'unknown DE']);
  });

  it('TW-SMS-US-ONLY checks messaging service numbers and phone senders', () => {
    const inv = inventory([
      res('messaging.phone_number', 'PN1', { phone_number: '+14155550101' }),
      res('messaging.phone_number', 'PN4', { phone_number: '+442079460123' }),
      res('messaging.channel_sender', 'XE1', { sender: '+16045550123' }),
      res('messaging.channel_sender', 'XE2', { sender: 'whatsapp:+14155550109' }),
    ]);
    expect(verdicts([smsServiceNumbersUs, smsSendersUs], inv)).toEqual(['fail PN4', 'fail XE1', 'pass PN1']);
    expect(run(smsServiceNumbersUs, inventory([], { failed: ['messaging.phone_number'] })).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('TW-VOICE-RECORDING-ENCRYPTION', () => {
  it('recordings with encryption_details null are advisory (a recommendation); without the field, unknown', () => {
    const inv = inventory([res('api.recording', 'RE1', { encryption_details: null }), res('api.recording', 'RE2', { encryption_details: { type: 'rsa-aes' } }), res('api.recording', 'RE3', {})]);
    expect(verdicts(recordingEncryption, inv)).toEqual(['advisory RE1', 'pass RE2', 'unknown RE3']);
    expect(run(recordingEncryption, inventory([], { failed: ['api.recording'] })).map((f) => f.status)).toEqual(['unknown']);
  });
});
