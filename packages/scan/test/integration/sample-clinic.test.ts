// The sample clinic's deliberate misconfigurations (`# FAIL <CONTROL>`, `# ADVISORY
// <CONTROL>`, `# MANUAL <CONTROL>` in fixtures/sample-clinic.yaml) are exactly what the
// scan reports as failing, advisory, or handed to a person.
import { getControl, type ControlId } from '@chaperone/controls';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { B, C, D, E, F, FIXTURE, scanTwin, withTwin } from './twin-scan.ts';

/**
 * One entry per failing (control, account, resource), read off the fixture's FAIL
 * comments: several comments on one resource (e.g. two PHI fields of one alert) are one
 * finding. Singletons without a SID (settings, configuration) are named `<account>/<kind>`.
 */
const EXPECTED_FAILS = [
  `TW-MARKETPLACE ${B} XE0ba1e00000000000000000000000b001`,
  `TW-MARKETPLACE ${B} XE0ba1e00000000000000000000000b002`,
  `TW-LOOKUP-ADDONS ${B} XE0ba1e00000000000000000000000b002`,
  `TW-VOICE-TRANSCRIPTION ${B} XE0ba1e00000000000000000000000b001`,
  `TW-ELIGIBLE-ONLY ${B} ${B}`,
  `TW-ELIGIBLE-ONLY ${C} ${C}`,
  `TW-ELIGIBLE-ONLY ${D} ${D}`,
  `TW-ELIGIBLE-ONLY ${E} ${E}`,
  `TW-RT-DEBUGGER ${B} NO0ba1e00000000000000000000000b001`,
  `TW-VOICE-US-ONLY ${B} MX`,
  `TW-HTTPS ${C} PN0ba1e00000000000000000000000c002`,
  `TW-VOICE-US-ONLY ${C} PN0ba1e00000000000000000000000c003`,
  `TW-MARKETPLACE ${C} XE0ba1e00000000000000000000000b001`,
  `TW-HTTPS ${C} AP0ba1e00000000000000000000000c001`,
  `TW-HTTPS ${C} MG0ba1e00000000000000000000000c002`,
  `TW-SMS-US-ONLY ${C} PN0ba1e00000000000000000000000c004`,
  `TW-SMS-CHANNELS ${C} XE0ba1e00000000000000000000000c001`,
  `TW-SMS-CHANNELS ${C} XE0ba1e00000000000000000000000c002`,
  `TW-RT-STUDIO ${C} FW0ba1e00000000000000000000000c001`,
  `TW-HTTPS ${C} FW0ba1e00000000000000000000000c001`,
  `TW-HTTPS ${C} IS0ba1e00000000000000000000000c001`,
  `TW-VERIFY-CHANNELS ${C} VA0ba1e00000000000000000000000c001`,
  `TW-HTTPS ${C} YW0ba1e00000000000000000000000c001`,
  `TW-EVENTS-SINKS ${C} DG0ba1e00000000000000000000000c001`,
  `TW-EVENTS-SINKS ${C} DG0ba1e00000000000000000000000c003`,
  `TW-CHAT-PRIVATE ${C} US0ba1e00000000000000000000000c001`,
  `TW-CONV-INHERIT ${C} CH0ba1e00000000000000000000000c003`,
  `TW-EVENTS-NE-TYPES ${C} DF0ba1e00000000000000000000000c001/com.twilio.voice.insights.call-summary.complete`,
  `TW-CHAT-PRIVATE ${C} CH0ba1e00000000000000000000000c001`,
  `TW-HTTPS ${C} ${C}/conversations-webhooks`,
  `TW-CONV-CHANNELS ${C} IG0ba1e00000000000000000000000c001`,
  `TW-CONV-CHANNELS ${C} MB0ba1e00000000000000000000000c001`,
  `TW-RT-FUNCTIONS ${C} ZV0ba1e00000000000000000000000c002`,
  `TW-VIDEO-GROUP-ROOMS ${D} RM0ba1e00000000000000000000000d002`,
  `TW-VIDEO-GROUP-ROOMS ${D} RM0ba1e00000000000000000000000d003`,
  `TW-HTTPS ${D} RM0ba1e00000000000000000000000d003`,
  `TW-HTTPS ${D} HK0ba1e00000000000000000000000d001`,
  `TW-SIP-TRUNK-SECURE ${D} TK0ba1e00000000000000000000000d002`,
  `TW-HTTPS ${D} TK0ba1e00000000000000000000000d002`,
  `TW-SIP-SECURITY ${D} SD0ba1e00000000000000000000000d002`,
  `TW-SIP-INTERFACE-TLS ${D} SD0ba1e00000000000000000000000d002`,
  `TW-HTTPS ${D} BY0ba1e00000000000000000000000d001`,
  `TW-AUTOPILOT ${D} aia_asst_0ba1e00000000000000000000000d001`,
  `TW-HTTPS ${E} WS0ba1e00000000000000000000000e001`,
  `TW-FLEX-INSIGHTS-ATTRS ${E} WK0ba1e00000000000000000000000e002`,
  `TW-HTTPS ${E} WW0ba1e00000000000000000000000e001`,
  `TW-FLEX-INSIGHTS-ATTRS ${E} WT0ba1e00000000000000000000000e001`,
  `TW-FLEX-UI-CONFIG ${E} ${E}/flex-configuration`,
  `TW-FLEX-CUSTOM-MEDIA ${E} ${E}/flex-configuration`,
  `TW-HTTPS ${E} ${E}/flex-configuration`,
  `TW-FLEX-CHANNELS ${E} FO0ba1e00000000000000000000000e002`,
  `TW-RT-DEBUGGER ${E} NO0ba1e00000000000000000000000e001`,
  `TW-RT-FUNCTIONS ${E} ZV0ba1e00000000000000000000000e001`,
  `TW-ACCT-DESIGNATION ${F} ${F}`,
  `TW-HTTPS ${F} PN0ba1e00000000000000000000000f001`,
  `TW-VOICE-RECORDING-AUTH ${C} RE0ba1e00000000000000000000000c001`,
].sort();

/** `# ADVISORY <CONTROL>`: recommendations the clinic does not follow (non-failing). */
const EXPECTED_ADVISORIES = [
  // The twin dates every record in the past: both fixture API keys are over the 90-day rotation age.
  `TW-KEYS-ROTATION ${B} SK0ba1e00000000000000000000000b001`,
  `TW-KEYS-ROTATION ${D} SK0ba1e00000000000000000000000d001`,
  `TW-VOICE-RECORDING-ENCRYPTION ${C} RE0ba1e00000000000000000000000c001`,
  `TW-VIDEO-ENCRYPTION ${D} ${D}/recording_settings`,
  `TW-HTTP-AUTH ${C} PN0ba1e00000000000000000000000c002`,
  `TW-HTTP-AUTH ${C} AP0ba1e00000000000000000000000c001`,
  `TW-HTTP-AUTH ${C} MG0ba1e00000000000000000000000c002`,
  `TW-HTTP-AUTH ${C} FW0ba1e00000000000000000000000c001`,
  `TW-HTTP-AUTH ${C} FW0ba1e00000000000000000000000c002`,
  `TW-HTTP-AUTH ${C} IS0ba1e00000000000000000000000c001`,
  `TW-HTTP-AUTH ${C} YW0ba1e00000000000000000000000c001`,
  `TW-HTTP-AUTH ${C} IS0ba1e00000000000000000000000c003`,
  `TW-HTTP-AUTH ${C} ${C}/conversations-webhooks`,
  `TW-HTTP-AUTH ${D} PN0ba1e00000000000000000000000d001`,
  `TW-HTTP-AUTH ${D} SD0ba1e00000000000000000000000d001`,
  `TW-HTTP-AUTH ${D} SD0ba1e00000000000000000000000d002`,
  `TW-HTTP-AUTH ${D} TK0ba1e00000000000000000000000d001`,
  `TW-HTTP-AUTH ${D} TK0ba1e00000000000000000000000d002`,
  `TW-HTTP-AUTH ${D} HK0ba1e00000000000000000000000d001`,
  `TW-HTTP-AUTH ${D} RM0ba1e00000000000000000000000d001`,
  `TW-HTTP-AUTH ${D} RM0ba1e00000000000000000000000d003`,
  `TW-HTTP-AUTH ${D} BY0ba1e00000000000000000000000d001`,
  `TW-HTTP-AUTH ${E} WS0ba1e00000000000000000000000e001`,
  `TW-HTTP-AUTH ${E} WW0ba1e00000000000000000000000e001`,
  `TW-HTTP-AUTH ${E} ${E}/flex-configuration`,
  `TW-HTTP-AUTH ${F} PN0ba1e00000000000000000000000f001`,
].sort();

/** `# MANUAL <CONTROL>`: special considerations the scan hands to a person, with the evidence. */
const EXPECTED_REVIEWS = [
  `TW-RT-SYNC ${C} IS0ba1e00000000000000000000000c001`,
  `TW-CHAT-SUNSET ${C} IS0ba1e00000000000000000000000c003`,
  `TW-CHAT-INTEGRATIONS ${C} IS0ba1e00000000000000000000000c003`,
  `TW-RT-FUNCTIONS ${C} ZN0ba1e00000000000000000000000c002`,
  `TW-RT-ASSETS-PRIVATE ${C} ZN0ba1e00000000000000000000000c003`,
  `TW-FLEX-PLUGINS ${E} FP0ba1e00000000000000000000000e001`,
  `TW-CHAT-SUNSET ${E} IS0ba1e00000000000000000000000e001`,
  `TW-EVENTS-SINKS ${C} DG0ba1e00000000000000000000000c002`,
].sort();

/**
 * `sid` on the annotated line or the nearest line above it that names one. Twilio controls
 * only: this scan has no Segment source (the `segment:` workspace's annotations are asserted
 * by src/segment/segment-scan.test.ts).
 */
function annotations(kind: 'FAIL' | 'ADVISORY' | 'MANUAL' | 'PASS'): { control: string; sid?: string; account?: string; line: number }[] {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const found: { control: string; sid?: string; account?: string; line: number }[] = [];
  lines.forEach((line, i) => {
    // A line may carry several annotations (`# FAIL TW-HTTPS # FAIL TW-HTTP-AUTH`).
    // `@subject` names the finding's resource where it is not the nearest SID above: an id
    // such as a country code, or a singleton of the account (`@composition_settings`).
    for (const match of line.matchAll(new RegExp(`# ${kind} (TW-[A-Z0-9-]+)(?: @([\\w-]+))?`, 'g'))) {
      const upwards = lines.slice(0, i + 1).reverse();
      const above = upwards.map((l) => /\bsid: ([A-Z]{2}[0-9a-f]{32})\b/.exec(l)).find(Boolean);
      const account = upwards.map((l) => /^ {2}- sid: (AC[0-9a-f]{32})\b/.exec(l)).find(Boolean);
      const sid = match[2] ?? above?.[1];
      found.push({ control: match[1]!, line: i + 1, ...(sid ? { sid } : {}), ...(account ? { account: account[1]! } : {}) });
    }
  });
  return found;
}

describe('scan of the sample clinic', () => {
  it('reports exactly the fixture’s FAIL annotations as failing', async () => {
    await withTwin({}, async (twin) => {
      const { report } = await scanTwin(twin);
      const keyed = (status: string) => report.findings.filter((f) => f.status === status).map((f) => `${f.control} ${f.account} ${f.resource.sid}`);
      expect(keyed('fail').sort()).toEqual(EXPECTED_FAILS);
      expect(keyed('advisory').sort()).toEqual(EXPECTED_ADVISORIES);
      // Manual also holds the attest-only controls; the reviews the checks raise are among them.
      expect(keyed('manual')).toEqual(expect.arrayContaining(EXPECTED_REVIEWS));
      // Every annotated control is in the expected list, and no expected control lacks an annotation.
      for (const [kind, expected] of [['FAIL', EXPECTED_FAILS], ['ADVISORY', EXPECTED_ADVISORIES], ['MANUAL', EXPECTED_REVIEWS]] as const) {
        expect(new Set(expected.map((f) => f.split(' ')[0])), kind).toEqual(new Set(annotations(kind).map((a) => a.control)));
      }
      // The guide's classes: a recommendation is never fail, and what fails is required or not eligible
      // (or a special consideration the scan saw violated itself).
      for (const f of report.findings) {
        const { classification } = getControl(f.control as ControlId);
        if (classification === 'recommended') expect(f.status, `${f.control} ${f.resource.sid}`).not.toBe('fail');
        if (f.status === 'advisory') expect(classification).toBe('recommended');
      }

      // PASS annotations: the control's findings on the annotated resource (the nearest SID
      // above) all pass; where the control judges the account as a whole (no finding on that
      // SID), its account or singleton finding passes. Each annotation must find a finding.
      const notPassing = annotations('PASS').flatMap(({ control, sid, account, line }) => {
        const ofControl = report.findings.filter((f) => f.control === control && f.account === account);
        const exact = ofControl.filter((f) => f.resource.sid === sid || f.resource.sid === `${account}/${sid}`);
        const subject = exact.length > 0 ? exact : ofControl.filter((f) => f.resource.sid === account || f.resource.sid.startsWith(`${account}/`));
        const statuses = subject.map((f) => f.status);
        return statuses.length > 0 && statuses.every((st) => st === 'pass') ? [] : [`line ${line}: ${control} ${sid ?? account}: ${statuses.join(',') || 'no finding'}`];
      });
      expect(notPassing).toEqual([]);
      const passes = new Set(report.findings.filter((f) => f.status === 'pass').map((f) => `${f.control} ${f.resource.sid}`));
      for (const expected of ['TW-PKCV AC0ba1e00000000000000000000000b001', 'TW-SIP-SECURITY SD0ba1e00000000000000000000000d001', 'TW-CHAT-PRIVATE CH0ba1e00000000000000000000000c002', 'TW-RT-SYNC IS0ba1e00000000000000000000000c002', 'TW-VOICE-US-ONLY PN0ba1e00000000000000000000000c001', 'TW-FLEX-INSIGHTS-ATTRS WK0ba1e00000000000000000000000e001', 'TW-RT-STUDIO FW0ba1e00000000000000000000000c002']) {
        expect(passes, expected).toContain(expected);
      }

      expect(report.scan.accounts.map((a) => a.sid).sort()).toEqual([B, C, D, E, F]);
      expect(report.scan.requests).toBeGreaterThan(100);
      // The twin serves every API the scan reads, so the demo is complete and has no unknown
      // (what an incomplete scan reports is faults.test.ts's and engine.test.ts's).
      expect(report.scan.accounts.filter((a) => !a.complete).map((a) => a.sid)).toEqual([]);
      expect(report.findings.filter((f) => f.status === 'unknown').map((f) => `${f.control} ${f.resource.sid}`)).toEqual([]);
    });
  });

  it('--account narrows the scan to the named accounts', async () => {
    await withTwin({}, async (twin) => {
      const { report } = await scanTwin(twin, {
        twilio: { credentials: { accountSid: twin.master.accountSid, username: twin.master.accountSid, password: twin.master.authToken, kind: 'auth-token' }, baseUrl: twin.baseUrl, accounts: [D] },
      });
      expect(new Set(report.findings.map((f) => f.account))).toEqual(new Set([D]));
      expect(report.findings.filter((f) => f.status === 'fail').length).toBe(EXPECTED_FAILS.filter((f) => f.includes(` ${D} `)).length);
    });
  });
});
