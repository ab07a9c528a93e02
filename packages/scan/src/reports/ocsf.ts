// OCSF 1.3.0 Compliance Finding events (class_uid 2003, category Findings), one per finding,
// as JSON Lines: one event per line, so a data lake ingests, appends and splits the file
// without parsing it whole (Security Lake, Splunk HEC, Elastic and jq all read NDJSON).
//
// Status mapping (compliance.status_id, finding status_id):
// - fail      -> 3 Fail,     finding 1 New
// - advisory  -> 3 Fail,     finding 1 New (status_detail says it is a recommendation; severity stays the control's)
// - unknown   -> 0 Unknown,  finding 1 New: not collected, never a pass
// - manual    -> 99 Other ("Manual review"), finding 1 New: a person must review or attest
// - muted     -> 3 Fail,     finding 3 Suppressed (the mute's reason in status_detail)
// - attested  -> 1 Pass,     finding 4 Resolved (who and until when in status_detail)
// - pass      -> 1 Pass,     no finding status (nothing to triage)
// finding_info.uid is the SARIF fingerprint: stable across scans and status changes, so a
// lake can follow one finding over time. Evidence is the finding's own, already masked.
import type { Platform, Severity } from '@chaperone/controls';
import type { Finding, FindingStatus, ScanReport } from '../types.ts';
import { controlOf, productOf } from './catalog.ts';
import { findingFingerprint } from './sarif.ts';

export const OCSF_VERSION = '1.3.0';
export const COMPLIANCE_FINDING_CLASS_UID = 2003;
const FINDINGS_CATEGORY_UID = 2;
const ACTIVITY_CREATE = 1;

const SEVERITY_ID: Record<Severity, { id: number; name: string }> = {
  critical: { id: 5, name: 'Critical' },
  high: { id: 4, name: 'High' },
  medium: { id: 3, name: 'Medium' },
  low: { id: 2, name: 'Low' },
  info: { id: 1, name: 'Informational' },
};

interface StatusMapping {
  compliance: { id: number; name: string };
  finding?: { id: number; name: string };
}

const NEW = { id: 1, name: 'New' };
const STATUS: Record<FindingStatus, StatusMapping> = {
  fail: { compliance: { id: 3, name: 'Fail' }, finding: NEW },
  advisory: { compliance: { id: 3, name: 'Fail' }, finding: NEW },
  unknown: { compliance: { id: 0, name: 'Unknown' }, finding: NEW },
  manual: { compliance: { id: 99, name: 'Manual review' }, finding: NEW },
  muted: { compliance: { id: 3, name: 'Fail' }, finding: { id: 3, name: 'Suppressed' } },
  attested: { compliance: { id: 1, name: 'Pass' }, finding: { id: 4, name: 'Resolved' } },
  pass: { compliance: { id: 1, name: 'Pass' } },
};

const STATUS_DETAIL: Record<FindingStatus, string> = {
  fail: 'a required control of the guide is violated',
  advisory: 'a recommendation of the guide is not followed (advisory)',
  unknown: 'could not be collected: the scan cannot tell',
  manual: 'needs a person to review or attest it in chaperone.yaml',
  muted: 'accepted in chaperone.yaml',
  attested: 'confirmed by a person in chaperone.yaml',
  pass: 'the scan saw the control met',
};

const PROVIDER: Record<Platform, string> = { twilio: 'Twilio', segment: 'Segment' };

function epochMs(value: string, fallback: number): number {
  const time = Date.parse(value);
  return Number.isNaN(time) ? fallback : time;
}

function event(finding: Finding, report: ScanReport, time: number) {
  const control = controlOf(finding.control);
  const severity = SEVERITY_ID[finding.severity];
  const status = STATUS[finding.status];
  const detail = `${STATUS_DETAIL[finding.status]}${finding.note ? `: ${finding.note}` : ''}`;
  const title = control?.summary ?? finding.control;
  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: FINDINGS_CATEGORY_UID,
    category_name: 'Findings',
    class_uid: COMPLIANCE_FINDING_CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: COMPLIANCE_FINDING_CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: 'Compliance Finding: Create',
    time,
    severity_id: severity.id,
    severity: severity.name,
    ...(status.finding ? { status_id: status.finding.id, status: status.finding.name } : {}),
    message: `${finding.control} ${finding.status} on ${finding.resource.kind} ${finding.resource.sid} in ${finding.account}: ${finding.evidence}`,
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      product: { name: 'Chaperone', vendor_name: 'Chaperone', version: report.scan.chaperoneVersion },
      log_name: 'chaperone-scan',
    },
    cloud: { provider: PROVIDER[finding.platform], account: { uid: finding.account } },
    finding_info: {
      uid: findingFingerprint(finding),
      title,
      desc: finding.evidence,
      types: [productOf(finding.control)],
      created_time: time,
      ...(control?.reference ? { src_url: control.reference } : {}),
    },
    compliance: {
      standards: ['HIPAA Security Rule (45 CFR Part 164)', `Twilio Architecting for HIPAA (${report.scan.guideVersion})`],
      control: finding.control,
      ...(control && control.hipaaCitation.length > 0 ? { requirements: control.hipaaCitation.map((c) => `45 CFR ${c}`) } : {}),
      status_id: status.compliance.id,
      status: status.compliance.name,
      status_code: finding.status.toUpperCase(),
      status_detail: detail,
    },
    resources: [
      {
        uid: finding.resource.sid,
        type: finding.resource.kind,
        ...(finding.resource.friendlyName ? { name: finding.resource.friendlyName } : {}),
      },
    ],
    remediation: { desc: finding.remediation, ...(control?.reference ? { references: [control.reference] } : {}) },
    unmapped: { chaperone_status: finding.status, ...(control ? { classification: control.classification, product: control.product } : {}) },
  };
}

export type OcsfComplianceFinding = ReturnType<typeof event>;

export function buildOcsf(report: ScanReport): OcsfComplianceFinding[] {
  const time = epochMs(report.scan.finished, Date.now());
  return report.findings.map((finding) => event(finding, report, time));
}

/** JSON Lines: one Compliance Finding event per line, in the report's order. */
export function renderOcsf(report: ScanReport): string {
  return buildOcsf(report)
    .map((e) => `${JSON.stringify(e)}\n`)
    .join('');
}
