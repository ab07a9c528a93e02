// SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
//
// Which findings become results, and why:
// - fail     -> kind "fail", level from severity (critical/high error, medium warning, low/info note).
// - unknown  -> kind "open" (SARIF: "could not determine whether the problem is present"),
//               level "none" as §3.27.10 requires for any kind other than "fail". Unknown is
//               never pass, so it stays visible as an alert until a scan can see the resource.
// - manual   -> kind "review": only a person can confirm the control; attesting it in
//               chaperone.yaml removes the result and GitHub closes the alert.
// - muted    -> kind "fail" with an accepted external suppression (the mute's reason), so
//               GitHub shows the alert as dismissed instead of reopening it every run.
// - pass, attested -> no result; their absence is what closes an alert.
//
// GitHub shows only results located in a file, and matches alerts across runs by file path
// plus partialFingerprints.primaryLocationLineHash. A Twilio resource has no file, so each
// result points at a stable relative pseudo-path `<platform>/<account>/<kind>/<sid>` (line 1)
// and carries a fingerprint computed from the control and the resource identity, never from
// the observed value, so an alert survives a change of the offending URL.
import { createHash } from 'node:crypto';
import type { Control, ControlId, Severity } from '@chaperone/controls';
import type { Finding, ScanReport } from '../types.ts';
import { allControls, controlOf } from './catalog.ts';
import { sortFindings } from './summary.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note' | 'none';

const LEVEL_BY_SEVERITY: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub maps security-severity to its labels: >= 9.0 critical, 7.0-8.9 high,
// 4.0-6.9 medium, 0.1-3.9 low. It must be a string holding a number.
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

const CLASSIFICATION_LABEL: Record<Control['classification'], string> = {
  required: 'required for HIPAA',
  recommended: 'recommended',
  'special-consideration': 'special consideration',
  'not-eligible': 'not HIPAA eligible',
  platform: 'platform behaviour',
};

/** `TW-VOICE-US-ONLY` -> `TwVoiceUsOnly`: SARIF wants an identifier-like rule name. */
function ruleName(id: string): string {
  return id
    .toLowerCase()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function citationText(control: Control): string {
  return control.hipaaCitation.length > 0 ? `45 CFR ${control.hipaaCitation.join(', ')}` : 'no HIPAA citation in the guide';
}

function ruleFromControl(control: Control) {
  const citation = citationText(control);
  const classification = CLASSIFICATION_LABEL[control.classification];
  return {
    id: control.id,
    name: ruleName(control.id),
    shortDescription: { text: control.summary },
    fullDescription: { text: `${control.summary} (${control.product}; ${classification}; ${citation}).` },
    helpUri: control.reference,
    help: {
      text: `${control.summary}\n\nRemediation: ${control.remediation}\n\nHIPAA Security Rule: ${citation}.\nGuide: ${control.reference}`,
      markdown: `**${control.summary}**\n\n**Remediation:** ${control.remediation}\n\n**HIPAA:** ${citation}. See [Architecting for HIPAA on Twilio](${control.reference}).`,
    },
    defaultConfiguration: { level: LEVEL_BY_SEVERITY[control.severity] },
    properties: {
      tags: ['hipaa', 'security', 'compliance', control.platform, control.classification],
      'security-severity': SECURITY_SEVERITY[control.severity],
      precision: 'high',
      product: control.product,
      classification: control.classification,
      hipaaCitation: [...control.hipaaCitation],
      verification: [...control.verification],
    },
  };
}

/** A rule for a control the catalog does not list, from what the finding itself says. */
function ruleFromFinding(finding: Finding) {
  return {
    id: finding.control,
    name: ruleName(finding.control),
    shortDescription: { text: finding.control },
    fullDescription: { text: `${finding.control} (not in this version of the Chaperone catalog).` },
    help: { text: `Remediation: ${finding.remediation}`, markdown: `**Remediation:** ${finding.remediation}` },
    defaultConfiguration: { level: LEVEL_BY_SEVERITY[finding.severity] },
    properties: {
      tags: ['hipaa', 'security', 'compliance', finding.platform],
      'security-severity': SECURITY_SEVERITY[finding.severity],
    },
  };
}

export function resourcePath(finding: Finding): string {
  return [finding.platform, finding.account, finding.resource.kind, finding.resource.sid].map(encodeURIComponent).join('/');
}

/**
 * Identity of a finding across runs. The evidence's subject (the field name before ` = `)
 * tells apart two findings of one control on one resource (voice_url and sms_url); the
 * value after it is deliberately left out.
 */
export function findingFingerprint(finding: Finding): string {
  const subject = finding.evidence.includes(' = ') ? finding.evidence.slice(0, finding.evidence.indexOf(' = ')) : '';
  return createHash('sha256')
    .update([finding.control, finding.platform, finding.account, finding.resource.kind, finding.resource.sid, subject].join('\u0000'))
    .digest('hex');
}

function resourceLabel(finding: Finding): string {
  const name = finding.resource.friendlyName ? ` "${finding.resource.friendlyName}"` : '';
  return `${finding.resource.kind} ${finding.resource.sid}${name} in ${finding.account}`;
}

function messageText(finding: Finding): string {
  const where = resourceLabel(finding);
  switch (finding.status) {
    case 'fail':
      return `${finding.control} fails on ${where}: ${finding.evidence}. Fix: ${finding.remediation}`;
    case 'unknown':
      return `${finding.control} could not be checked on ${where}: ${finding.evidence}`;
    case 'manual':
      return `${finding.control} needs a person's attestation for ${where}: ${finding.evidence}`;
    default:
      return `${finding.control} (${finding.status}) on ${where}: ${finding.evidence}${finding.note ? ` (${finding.note})` : ''}`;
  }
}

function resultShape(finding: Finding): { kind: 'fail' | 'open' | 'review'; level: Level } | undefined {
  switch (finding.status) {
    case 'fail':
    case 'muted':
      return { kind: 'fail', level: LEVEL_BY_SEVERITY[finding.severity] };
    case 'unknown':
      return { kind: 'open', level: 'none' };
    case 'manual':
      return { kind: 'review', level: 'none' };
    default:
      return undefined;
  }
}

function isoOrUndefined(value: string): string | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export function buildSarif(report: ScanReport) {
  const rules: (ReturnType<typeof ruleFromControl> | ReturnType<typeof ruleFromFinding>)[] = allControls().map(ruleFromControl);
  const ruleIndex = new Map<ControlId, number>(rules.map((rule, index) => [rule.id, index]));
  for (const finding of report.findings) {
    if (!ruleIndex.has(finding.control) && !controlOf(finding.control)) {
      ruleIndex.set(finding.control, rules.length);
      rules.push(ruleFromFinding(finding));
    }
  }

  const results = [];
  for (const finding of sortFindings(report.findings)) {
    const shape = resultShape(finding);
    if (!shape) continue;
    const path = resourcePath(finding);
    const fingerprint = findingFingerprint(finding);
    results.push({
      ruleId: finding.control,
      ruleIndex: ruleIndex.get(finding.control),
      kind: shape.kind,
      level: shape.level,
      message: { text: messageText(finding) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: path }, region: { startLine: 1 } },
          logicalLocations: [{ name: finding.resource.sid, fullyQualifiedName: path, kind: 'resource' }],
        },
      ],
      partialFingerprints: {
        // GitHub's key (normally a hash of the source line); ours hashes the resource identity.
        primaryLocationLineHash: `${fingerprint.slice(0, 16)}:1`,
        'chaperoneFinding/v1': fingerprint,
      },
      ...(finding.status === 'muted'
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.note ?? 'muted in chaperone.yaml' }] }
        : {}),
      properties: {
        status: finding.status,
        severity: finding.severity,
        platform: finding.platform,
        account: finding.account,
        resourceKind: finding.resource.kind,
        resourceSid: finding.resource.sid,
        ...(finding.resource.friendlyName ? { resourceName: finding.resource.friendlyName } : {}),
        evidence: finding.evidence,
        ...(finding.note ? { note: finding.note } : {}),
      },
    });
  }

  const scan = report.scan;
  const startTimeUtc = isoOrUndefined(scan.started);
  const endTimeUtc = isoOrUndefined(scan.finished);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Chaperone',
            fullName: 'Chaperone HIPAA scanner for Twilio and Segment',
            version: scan.chaperoneVersion,
            rules,
          },
        },
        invocations: [
          {
            // An incomplete scan did not do its whole job: viewers should say so.
            executionSuccessful: scan.complete,
            ...(startTimeUtc ? { startTimeUtc } : {}),
            ...(endTimeUtc ? { endTimeUtc } : {}),
            toolExecutionNotifications: scan.errors.map((error) => ({ level: 'warning', message: { text: error } })),
          },
        ],
        results,
        properties: {
          guideVersion: scan.guideVersion,
          complete: scan.complete,
          accounts: scan.accounts.length,
        },
      },
    ],
  };
}

export function renderSarif(report: ScanReport): string {
  return `${JSON.stringify(buildSarif(report), null, 2)}\n`;
}
