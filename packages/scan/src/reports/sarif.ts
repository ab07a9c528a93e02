// SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
//
// Which findings become results, and why (the level says how much it weighs; severity goes
// in `security-severity` for GitHub's own ranking):
// - fail     -> kind "fail", level "error": a required or not-eligible control is violated.
// - advisory -> kind "fail", level "warning": a recommendation of the guide not followed.
// - manual   -> kind "fail", level "note": a person must review or attest it. §3.27.9 allows
//               a level other than "none" only with kind "fail", and GitHub shows no
//               result of level "none"; attesting it in chaperone.yaml removes the result.
// - unknown  -> kind "open" (SARIF: "could not determine whether the problem is present"),
//               level "none" as §3.27.10 requires for any kind other than "fail". Unknown is
//               never pass, so it stays visible until a scan can see the resource, and the
//               run says `executionSuccessful: false`.
// - muted    -> kind "fail" with an accepted external suppression (the mute's reason), so
//               GitHub shows the alert as dismissed instead of reopening it every run.
// - pass, attested -> no result; their absence is what closes an alert.
//
// GitHub shows only results located in a file, and matches alerts across runs by file path
// plus partialFingerprints.primaryLocationLineHash. A Twilio resource has no file, so each
// result points at a stable relative pseudo-path `<platform>/<account>/<kind>/<sid>` (line 1)
// and carries a fingerprint computed from the control and the resource identity, never from
// the observed value, so an alert survives a change of the offending URL.
//
// GitHub rejects a run with more than 25,000 results and an upload above 10 MB gzipped
// ("SARIF support for code scanning", limits table), and keeps one run per tool and
// category: each platform gets its own run and category (`chaperone/twilio/`,
// `chaperone/segment/`). An organisation of 1,000+ subaccounts has ~30 manual or unknown
// findings per account, so above the limit `manual` results, then if still needed
// `unknown` ones, collapse into one result per control naming how many accounts and
// resources it covers (the JSON report has each of them). If fails and advisories alone
// are still too many (or too big), the least severe results are dropped and the run says
// so in a notification and in `properties.truncated`: an upload GitHub rejects shows
// nothing at all, a truncated one shows the worst findings.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Control, ControlId, Platform, Severity } from '@chaperone/controls';
import type { Finding, ScanReport } from '../types.ts';
import { allControls, controlOf } from './catalog.ts';
import { sortFindings } from './summary.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub code scanning's hard limit of results per run. */
export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;

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
    case 'advisory':
      return `${finding.control} (a recommendation of the guide) is not followed on ${where}: ${finding.evidence}. Recommended: ${finding.remediation}`;
    case 'unknown':
      return `${finding.control} could not be checked on ${where}: ${finding.evidence}`;
    case 'manual':
      return `${finding.control} needs a person's review or attestation for ${where}: ${finding.evidence}`;
    default:
      return `${finding.control} (${finding.status}) on ${where}: ${finding.evidence}${finding.note ? ` (${finding.note})` : ''}`;
  }
}

function resultShape(finding: Finding): { kind: 'fail' | 'open'; level: Level } | undefined {
  switch (finding.status) {
    case 'fail':
      return { kind: 'fail', level: 'error' };
    case 'advisory':
      return { kind: 'fail', level: 'warning' };
    case 'manual':
      return { kind: 'fail', level: 'note' };
    case 'muted':
      return { kind: 'fail', level: LEVEL_BY_SEVERITY[finding.severity] };
    case 'unknown':
      return { kind: 'open', level: 'none' };
    default:
      return undefined;
  }
}

type Collapsible = 'manual' | 'unknown';

/** Which statuses must collapse to one result per control for the run to fit `limit`. */
export function statusesToCollapse(findings: readonly Finding[], limit = GITHUB_MAX_RESULTS_PER_RUN): Set<Collapsible> {
  const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
  const controls = (status: Finding['status']) => new Set(findings.filter((f) => f.status === status).map((f) => f.control)).size;
  const kept = count('fail') + count('advisory') + count('muted');
  const collapse = new Set<Collapsible>();
  let total = kept + count('unknown') + count('manual');
  // Manual first: a person attests a control once, not per account; unknown names a
  // collection problem per resource, worth keeping as long as there is room.
  for (const status of ['manual', 'unknown'] as const) {
    if (total <= limit) break;
    collapse.add(status);
    total += controls(status) - count(status);
  }
  return collapse;
}

/** One result's worth of findings: a single finding, or every finding of a collapsed control. */
interface ResultGroup {
  first: Finding;
  findings: Finding[];
  collapsed: boolean;
}

function groupFindings(sorted: readonly Finding[], collapse: ReadonlySet<Collapsible>): ResultGroup[] {
  const groups: ResultGroup[] = [];
  const byControl = new Map<string, ResultGroup>();
  for (const finding of sorted) {
    if (!resultShape(finding)) continue;
    if (!collapse.has(finding.status as Collapsible)) {
      groups.push({ first: finding, findings: [finding], collapsed: false });
      continue;
    }
    const key = `${finding.status}\u0000${finding.control}`;
    const group = byControl.get(key);
    if (group) group.findings.push(finding);
    else {
      const created = { first: finding, findings: [finding], collapsed: true };
      byControl.set(key, created);
      groups.push(created);
    }
  }
  return groups;
}

/** `<platform>/all-accounts/<status>/<control>`: a stable location for a collapsed result. */
function collapsedPath(finding: Finding): string {
  return [finding.platform, 'all-accounts', finding.status, finding.control].map(encodeURIComponent).join('/');
}

function collapsedFingerprint(finding: Finding): string {
  return createHash('sha256').update(['collapsed', finding.control, finding.platform, finding.status].join('\u0000')).digest('hex');
}

function collapsedMessage(group: ResultGroup): string {
  const { first, findings } = group;
  const accounts = new Set(findings.map((f) => f.account)).size;
  const what = first.status === 'manual' ? "needs a person's attestation" : 'could not be checked';
  const scope = `${accounts.toLocaleString('en-US')} account(s), ${findings.length.toLocaleString('en-US')} resource(s)`;
  return `${first.control} ${what} on ${scope}; collapsed into one result because the report would exceed GitHub's ${GITHUB_MAX_RESULTS_PER_RUN.toLocaleString('en-US')} results per run: the JSON report lists each resource`;
}

function isoOrUndefined(value: string): string | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** What GitHub code scanning accepts in one upload ("SARIF support for code scanning"). */
export interface SarifLimits {
  /** Results per run (hard limit: a run above it rejects the whole file). */
  maxResults: number;
  /** Size of the file once gzipped (the upload is gzipped; above it, HTTP 413). */
  maxGzipBytes: number;
}

export const GITHUB_SARIF_LIMITS: SarifLimits = { maxResults: GITHUB_MAX_RESULTS_PER_RUN, maxGzipBytes: 10 * 1024 * 1024 };

/**
 * The category of a platform's run. GitHub keeps one analysis per (tool, category) and,
 * since 2025, rejects an upload holding two runs of one tool in one category; the trailing
 * slash makes the whole id the category (GitHub takes what precedes the last `/`).
 */
export function sarifCategory(platform: Platform): string {
  return `chaperone/${platform}/`;
}

/** Set on a run whose results were cut to fit GitHub's limits. */
export interface SarifTruncation {
  reason: 'results' | 'size';
  limit: number;
  kept: number;
  dropped: number;
}

function buildResult(group: ResultGroup, ruleIndex: ReadonlyMap<ControlId, number>) {
  const finding = group.first;
  const shape = resultShape(finding)!;
  const path = group.collapsed ? collapsedPath(finding) : resourcePath(finding);
  const fingerprint = group.collapsed ? collapsedFingerprint(finding) : findingFingerprint(finding);
  return {
    ruleId: finding.control,
    ruleIndex: ruleIndex.get(finding.control),
    kind: shape.kind,
    level: shape.level,
    message: { text: group.collapsed ? collapsedMessage(group) : messageText(finding) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: path }, region: { startLine: 1 } },
        logicalLocations: [group.collapsed ? { name: finding.control, fullyQualifiedName: path } : { name: finding.resource.sid, fullyQualifiedName: path, kind: 'resource' }],
      },
    ],
    partialFingerprints: {
      // GitHub's key (normally a hash of the source line); ours hashes the resource identity.
      primaryLocationLineHash: `${fingerprint.slice(0, 16)}:1`,
      'chaperoneFinding/v1': fingerprint,
    },
    ...(finding.status === 'muted' ? { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.note ?? 'muted in chaperone.yaml' }] } : {}),
    properties: group.collapsed
      ? {
          status: finding.status,
          severity: finding.severity,
          platform: finding.platform,
          collapsed: true,
          accounts: new Set(group.findings.map((f) => f.account)).size,
          resources: group.findings.length,
        }
      : {
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
  };
}

type SarifResult = ReturnType<typeof buildResult>;

/** One platform's run before it is written: results worst first, cut as the limits require. */
interface RunDraft {
  platform: Platform;
  rules: (ReturnType<typeof ruleFromControl> | ReturnType<typeof ruleFromFinding>)[];
  results: SarifResult[];
  collapse: Set<Collapsible>;
  truncation?: SarifTruncation;
}

function draftRun(platform: Platform, findings: readonly Finding[], limits: SarifLimits): RunDraft {
  const rules: RunDraft['rules'] = allControls()
    .filter((control) => control.platform === platform)
    .map(ruleFromControl);
  const ruleIndex = new Map<ControlId, number>(rules.map((rule, index) => [rule.id, index]));
  for (const finding of findings) {
    if (ruleIndex.has(finding.control)) continue;
    const known = controlOf(finding.control);
    ruleIndex.set(finding.control, rules.length);
    rules.push(known ? ruleFromControl(known) : ruleFromFinding(finding));
  }
  const collapse = statusesToCollapse(findings, limits.maxResults);
  const results = groupFindings(sortFindings(findings), collapse).map((group) => buildResult(group, ruleIndex));
  const draft: RunDraft = { platform, rules, results, collapse };
  // Results are sorted worst first, so cutting the tail drops the least severe.
  if (results.length > limits.maxResults) truncate(draft, limits.maxResults, 'results', limits.maxResults);
  return draft;
}

function truncate(draft: RunDraft, keep: number, reason: SarifTruncation['reason'], limit: number): void {
  const before = draft.results.length + (draft.truncation?.dropped ?? 0);
  draft.results = draft.results.slice(0, keep);
  draft.truncation = { reason, limit, kept: draft.results.length, dropped: before - draft.results.length };
}

function truncationText(truncation: SarifTruncation): string {
  const limit =
    truncation.reason === 'results'
      ? `GitHub code scanning's limit of ${truncation.limit.toLocaleString('en-US')} results per run`
      : `GitHub code scanning's limit of ${(truncation.limit / 1024 / 1024).toLocaleString('en-US')} MB gzipped per upload`;
  return `SARIF truncated: ${truncation.dropped.toLocaleString('en-US')} of ${(truncation.kept + truncation.dropped).toLocaleString('en-US')} results dropped (the least severe) to stay within ${limit}; the JSON report lists every finding: narrow the scan with --account or --checks`;
}

/** The scan's accounts and errors that belong to one platform's run. */
function platformsOf(report: ScanReport): Platform[] {
  const seen = new Set<Platform>([...report.scan.accounts.map((a) => a.platform), ...report.findings.map((f) => f.platform)]);
  const ordered = (['twilio', 'segment'] as const).filter((p) => seen.has(p));
  // A scan that saw nothing still uploads an (empty) Twilio run, which closes its alerts.
  return ordered.length > 0 ? ordered : ['twilio'];
}

function finishRun(draft: RunDraft, report: ScanReport) {
  const scan = report.scan;
  const startTimeUtc = isoOrUndefined(scan.started);
  const endTimeUtc = isoOrUndefined(scan.finished);
  const accounts = scan.accounts.filter((a) => a.platform === draft.platform);
  const collapsedNote =
    draft.collapse.size > 0
      ? [{ level: 'note', message: { text: `${[...draft.collapse].join(' and ')} findings collapsed to one result per control to stay within GitHub's ${GITHUB_MAX_RESULTS_PER_RUN} results per run` } }]
      : [];
  const truncatedNote = draft.truncation ? [{ level: 'error', message: { text: truncationText(draft.truncation) } }] : [];
  return {
    tool: {
      driver: {
        name: 'Chaperone',
        fullName: 'Chaperone HIPAA scanner for Twilio and Segment',
        version: scan.chaperoneVersion,
        rules: draft.rules,
      },
    },
    automationDetails: { id: sarifCategory(draft.platform) },
    invocations: [
      {
        // An incomplete scan did not do its whole job: viewers should say so.
        executionSuccessful: scan.complete && accounts.every((a) => a.complete),
        ...(startTimeUtc ? { startTimeUtc } : {}),
        ...(endTimeUtc ? { endTimeUtc } : {}),
        toolExecutionNotifications: [...scan.errors.map((error) => ({ level: 'warning', message: { text: error } })), ...collapsedNote, ...truncatedNote],
      },
    ],
    results: draft.results,
    properties: {
      guideVersion: scan.guideVersion,
      complete: scan.complete,
      platform: draft.platform,
      accounts: accounts.length,
      ...(draft.truncation ? { truncated: draft.truncation } : {}),
    },
  };
}

function assemble(drafts: readonly RunDraft[], report: ScanReport) {
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: drafts.map((draft) => finishRun(draft, report)) };
}

export type SarifLog = ReturnType<typeof assemble>;

function serialize(log: SarifLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * SARIF 2.1.0 with one run per platform (its own category), every run within `limits`.
 * Returns the text as written and the truncations made, for the caller to warn about.
 */
export function writeSarif(report: ScanReport, limits: SarifLimits = GITHUB_SARIF_LIMITS): { text: string; log: SarifLog; truncated: SarifTruncation[] } {
  const drafts = platformsOf(report).map((platform) =>
    draftRun(
      platform,
      report.findings.filter((f) => f.platform === platform),
      limits,
    ),
  );
  let log = assemble(drafts, report);
  let text = serialize(log);
  // Too big once gzipped: cut the largest run by the overshoot (plus a margin, since
  // results compress unevenly) until the file fits. A few rounds at most.
  for (let size = gzipSync(text).length; size > limits.maxGzipBytes; size = gzipSync(text).length) {
    const largest = [...drafts].sort((a, b) => b.results.length - a.results.length)[0]!;
    if (largest.results.length === 0) break;
    const keep = Math.min(largest.results.length - 1, Math.floor(largest.results.length * (limits.maxGzipBytes / size) * 0.95));
    truncate(largest, Math.max(0, keep), 'size', limits.maxGzipBytes);
    log = assemble(drafts, report);
    text = serialize(log);
  }
  return { text, log, truncated: drafts.flatMap((d) => (d.truncation ? [d.truncation] : [])) };
}

export function buildSarif(report: ScanReport, limits: SarifLimits = GITHUB_SARIF_LIMITS): SarifLog {
  return writeSarif(report, limits).log;
}

export function renderSarif(report: ScanReport): string {
  return writeSarif(report).text;
}
