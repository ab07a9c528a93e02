// Controls no check can decide (attest-only, or scan rows this version does not read)
// become one `manual` finding per platform root: the master Twilio account, the Segment
// workspace. A person attests them in chaperone.yaml. Controls that only point at a
// scanned control ("see TW-MARKETPLACE") are carried by that control instead; but a row
// whose only verification is a pointer at an attest control ("see TW-SUPPORT-NO-PHI")
// needs its own attestation, on its own platform: the pointed-at finding lives on
// another account (the Twilio master for a Segment row) and attests another id.
import { controlsFor, getControl, type Control, type Platform } from '@chaperone/controls';
import type { Check } from '../check.ts';
import type { Finding, Inventory } from '../types.ts';

export function manualFindings(inventory: Inventory, checks: readonly Check[], platforms: readonly Platform[]): Finding[] {
  const covered = new Set(checks.map((c) => c.control));
  const findings: Finding[] = [];
  for (const platform of platforms) {
    const accounts = inventory.accounts.filter((a) => a.platform === platform);
    const roots = accounts.filter((a) => !a.parent || !accounts.some((b) => b.sid === a.parent));
    for (const control of controlsFor({ platform })) {
      if (covered.has(control.id) || (control.seeAlso && !attestedViaPointer(control))) continue;
      const how = control.verification.includes('attest') || control.seeAlso ? 'needs a person to confirm it' : 'not verifiable from the API by this scan';
      for (const root of roots) {
        findings.push({
          control: control.id,
          status: 'manual',
          severity: control.severity,
          account: root.sid,
          platform,
          resource: { kind: `${platform}.account`, sid: root.sid },
          evidence: `${how}: attest it in chaperone.yaml`,
          remediation: control.remediation,
        });
      }
    }
  }
  return findings;
}

/** A row with no verification of its own that points at a control a person attests. */
function attestedViaPointer(control: Control): boolean {
  return control.verification.length === 0 && !!control.seeAlso && getControl(control.seeAlso).verification.includes('attest');
}
