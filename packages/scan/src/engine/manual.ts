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

/**
 * Scan + attest means both: for a control the catalog verifies by scan and by a person,
 * the scan's findings never stand in for the person. Each platform root gets one `manual`
 * finding asking for the attestation (what the scan found is in the evidence) until
 * chaperone.yaml records one. Controls whose attestation only settles a fail (an
 * alternative such as SIP over Interconnect) need none when the scan passes.
 */
export function attestationRequests(
  inventory: Inventory,
  checks: readonly Check[],
  nonPassByControl: ReadonlyMap<string, number>,
  platforms: readonly Platform[],
): Finding[] {
  const covered = new Set(checks.map((c) => c.control));
  const requests: Finding[] = [];
  for (const platform of platforms) {
    const roots = platformRoots(inventory, platform);
    for (const control of controlsFor({ platform })) {
      if (!covered.has(control.id) || control.attestSettlesFail || !control.verification.includes('scan') || !control.verification.includes('attest')) continue;
      const open = nonPassByControl.get(control.id) ?? 0;
      const scanned = open === 0 ? 'scan passed' : `scan found ${open} finding(s) to settle`;
      for (const root of roots) {
        requests.push({
          control: control.id,
          status: 'manual',
          severity: control.severity,
          account: root.sid,
          platform,
          resource: { kind: `${platform}.attestation`, sid: root.sid },
          evidence: `${scanned}; attestation required as well (the guide asks a person to confirm: ${control.summary}): attest it in chaperone.yaml`,
          remediation: control.remediation,
        });
      }
    }
  }
  return requests;
}

export function manualFindings(inventory: Inventory, checks: readonly Check[], platforms: readonly Platform[]): Finding[] {
  const covered = new Set(checks.map((c) => c.control));
  const findings: Finding[] = [];
  for (const platform of platforms) {
    const roots = platformRoots(inventory, platform);
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

/** The accounts of a platform that have no parent in the scan (the master, the workspace). */
function platformRoots(inventory: Inventory, platform: Platform): Inventory['accounts'] {
  const accounts = inventory.accounts.filter((a) => a.platform === platform);
  return accounts.filter((a) => !a.parent || !accounts.some((b) => b.sid === a.parent));
}

/** A row with no verification of its own that points at a control a person attests. */
function attestedViaPointer(control: Control): boolean {
  return control.verification.length === 0 && !!control.seeAlso && getControl(control.seeAlso).verification.includes('attest');
}
