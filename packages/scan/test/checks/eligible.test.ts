import { describe, expect, it } from 'vitest';
import { eligibleOnly } from '../../src/checks/eligible.ts';
import { flexCustomMedia } from '../../src/checks/flex-media.ts';
import { lookupAddOns, transcriptionAddOns } from '../../src/checks/marketplace.ts';
import { manualFindings } from '../../src/engine/manual.ts';
import type { Inventory } from '../../src/types.ts';
import { MASTER, SUB, inventory, res, run, verdicts } from './helpers.ts';

const twoAccounts = { accounts: [{ platform: 'twilio' as const, sid: MASTER }, { platform: 'twilio' as const, sid: SUB, parent: MASTER }] };

describe('add-ons by purpose', () => {
  const inv = inventory(
    [
      res('marketplace.installed_add_on', 'XE1', { unique_name: 'ibm_watson_speech_to_text', description: 'Transcribes recordings' }),
      res('marketplace.installed_add_on', 'XE2', { unique_name: 'whitepages_pro_caller_id', description: 'Caller name for incoming numbers' }),
      res('marketplace.installed_add_on', 'XE3', { unique_name: 'acme_sentiment', description: 'Scores messages', configuration: { engine: 'voicebase' } }),
    ],
    twoAccounts,
  );

  it('TW-VOICE-TRANSCRIPTION (required, in Voice\'s "Required for HIPAA"): transcription add-ons (by name, description or configuration) fail, an account without passes', () => {
    expect(verdicts(transcriptionAddOns, inv)).toEqual(['fail XE1', 'fail XE3', `pass ${SUB}`]);
  });

  it('TW-LOOKUP-ADDONS: lookup add-ons fail, others are not counted', () => {
    expect(verdicts(lookupAddOns, inv)).toEqual(['fail XE2', `pass ${SUB}`]);
  });

  it('both are unknown when installed add-ons were not collected', () => {
    const failed = inventory([], { failed: ['marketplace.installed_add_on'] });
    expect(run([transcriptionAddOns, lookupAddOns], failed).map((f) => `${f.control} ${f.status}`).sort()).toEqual(['TW-LOOKUP-ADDONS unknown', 'TW-VOICE-TRANSCRIPTION unknown']);
  });
});

describe('TW-ELIGIBLE-ONLY', () => {
  it('summarises non-eligible resources per account with kinds and counts; a clean account passes', () => {
    const inv = inventory(
      [
        res('assistants.assistant', 'aia_asst_1', {}),
        res('marketplace.installed_add_on', 'XE1', {}),
        res('marketplace.installed_add_on', 'XE2', {}),
        res('messaging.channel_sender', 'XE3', { sender: 'whatsapp:+14155550109' }),
        res('messaging.channel_sender', 'XE4', { sender: '+14155550101' }, { account: SUB }),
        res('flex.flex_flow', 'FO1', { channel_type: 'web' }, { account: SUB }),
      ],
      twoAccounts,
    );
    const findings = run(eligibleOnly, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual([`fail ${MASTER}`, `pass ${SUB}`]);
    const fail = findings.find((f) => f.status === 'fail')!;
    expect(fail.evidence).toContain('AI Assistants: 1');
    expect(fail.evidence).toContain('Marketplace add-ons installed: 2');
    expect(fail.evidence).toContain('senders on non-eligible channels: 1');
    expect(JSON.stringify(findings)).not.toContain('5550109');
  });

  it('is unknown when any inventoried kind was not collected', () => {
    const inv = inventory([], { failed: ['assistants.assistant'] });
    expect(run(eligibleOnly, inv).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('TW-FLEX-CUSTOM-MEDIA', () => {
  it('an http URL in the custom settings fails with the path, an all-https configuration stays manual', () => {
    const inv = inventory([
      res('flex.configuration', 'cfg1', { ui_attributes: JSON.stringify({ media: { custom_media_url: 'http://media.example/att/sk_live_x1' } }) }),
      res('flex.configuration', 'cfg2', { ui_attributes: { media: { custom_media_url: 'https://media.example/att' } } }, { account: SUB }),
    ], twoAccounts);
    const findings = run(flexCustomMedia, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail cfg1', 'manual cfg2']);
    const fail = findings.find((f) => f.status === 'fail')!;
    expect(fail.evidence).toContain('ui_attributes.media.custom_media_url = http://media.example/att/…');
    expect(fail.evidence).not.toContain('sk_live_x1');
  });

  it('reads every free-form JSON field the PHI check reads (crm_attributes, taskrouter_worker_attributes)', () => {
    const inv = inventory([
      res('flex.configuration', 'cfg1', { crm_attributes: { media_url: 'http://crm.example/att' } }),
      res('flex.configuration', 'cfg2', { taskrouter_worker_attributes: { WK1: { avatar: 'http://img.example/a.png' } } }, { account: SUB }),
    ], twoAccounts);
    expect(verdicts(flexCustomMedia, inv)).toEqual(['fail cfg1', 'fail cfg2']);
  });
});

describe('manual findings for pointer rows', () => {
  it('SEG-SUPPORT-NO-PHI (see TW-SUPPORT-NO-PHI, an attest control) is manual on the Segment workspace; TW-SMS-MARKETPLACE (see a scanned control) is not', () => {
    const inv: Inventory = { accounts: [{ platform: 'twilio', sid: MASTER }, { platform: 'segment', sid: 'ws_1' }], resources: [], collections: [] };
    const findings = manualFindings(inv, [], ['twilio', 'segment']);
    const seg = findings.find((f) => f.control === 'SEG-SUPPORT-NO-PHI');
    expect(seg).toMatchObject({ status: 'manual', account: 'ws_1', platform: 'segment' });
    expect(findings.find((f) => f.control === 'TW-SUPPORT-NO-PHI')).toMatchObject({ status: 'manual', account: MASTER });
    expect(findings.some((f) => f.control === 'TW-SMS-MARKETPLACE')).toBe(false);
  });
});

describe('TW-ELIGIBLE-ONLY never passes what it cannot read', () => {
  it('a resource whose channel cannot be read makes the account unknown, not pass', () => {
    const inv = inventory([res('flex.flex_flow', 'FO1', {})]);
    const [finding] = run(eligibleOnly, inv);
    expect(finding!.status).toBe('unknown');
    expect(finding!.evidence).toContain('flex.flex_flow: 1');
  });

  it('a pass names the kinds it read (no claim beyond them)', () => {
    const [finding] = run(eligibleOnly, inventory([]));
    expect(finding!.status).toBe('pass');
    expect(finding!.evidence).toContain('assistants.assistant');
    expect(finding!.evidence).toContain('conversations.participant');
  });
});
