// JUnit XML so CI systems that read test reports show the scan: one testsuite per
// account or workspace, one testcase per control and resource. fail -> <failure>;
// unknown -> <error> (the scan could not check it: a dashboard must not show "0 errors"
// for an incomplete scan); advisory, manual and muted -> <skipped message> (none of them
// is a pass, none fails the build); pass and attested -> a passing testcase (attested
// carries its note in <system-out>).
import type { Finding, ScanReport } from '../types.ts';
import { escapeMarkup as x } from './escape.ts';
import { productOf } from './catalog.ts';
import { accountKey, emptyCounts, sortFindings, summarize } from './summary.ts';

function seconds(started: string, finished: string): string {
  const ms = Date.parse(finished) - Date.parse(started);
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : '0';
}

function testcase(finding: Finding): string {
  const name = `${finding.control} ${finding.resource.kind}/${finding.resource.sid}${finding.resource.friendlyName ? ` (${finding.resource.friendlyName})` : ''}`;
  const open = `    <testcase name="${x(name)}" classname="${x(`${finding.platform}.${productOf(finding.control)}.${finding.control}`)}"`;
  const details = [
    `Control: ${finding.control} (${finding.severity})`,
    `Resource: ${finding.resource.kind} ${finding.resource.sid} in ${finding.account}`,
    `Evidence: ${finding.evidence}`,
    `Remediation: ${finding.remediation}`,
    ...(finding.note ? [`Note: ${finding.note}`] : []),
  ].join('\n');
  switch (finding.status) {
    case 'fail':
      return `${open}>\n      <failure message="${x(finding.evidence)}" type="${x(finding.severity)}">${x(details)}</failure>\n    </testcase>`;
    case 'unknown':
      return `${open}>\n      <error message="${x(`unknown: ${finding.evidence}`)}" type="unknown">${x(details)}</error>\n    </testcase>`;
    case 'advisory':
    case 'manual':
    case 'muted': {
      const reason = finding.status === 'muted' ? (finding.note ?? finding.evidence) : finding.evidence;
      return `${open}>\n      <skipped message="${x(`${finding.status}: ${reason}`)}"/>\n      <system-out>${x(details)}</system-out>\n    </testcase>`;
    }
    case 'attested':
      return `${open}>\n      <system-out>${x(details)}</system-out>\n    </testcase>`;
    default:
      return `${open}/>`;
  }
}

export function renderJunit(report: ScanReport): string {
  const summary = summarize(report);
  const byAccount = new Map<string, Finding[]>();
  for (const finding of sortFindings(report.findings)) {
    const key = accountKey(finding.platform, finding.account);
    const list = byAccount.get(key);
    if (list) list.push(finding);
    else byAccount.set(key, [finding]);
  }
  const time = seconds(report.scan.started, report.scan.finished);
  const suites = summary.byAccount.map((account) => {
    const findings = byAccount.get(account.key) ?? [];
    const counts = emptyCounts();
    for (const finding of findings) counts[finding.status] += 1;
    const skipped = counts.advisory + counts.manual + counts.muted;
    const name = `${account.platform} ${account.label}${account.complete ? '' : ' (incomplete)'}`;
    const cases = findings.map(testcase).join('\n');
    return `  <testsuite name="${x(name)}" tests="${findings.length}" failures="${counts.fail}" errors="${counts.unknown}" skipped="${skipped}" timestamp="${x(report.scan.started)}">\n${cases}${cases ? '\n' : ''}  </testsuite>`;
  });
  const skipped = summary.counts.advisory + summary.counts.manual + summary.counts.muted;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Chaperone HIPAA scan" tests="${summary.total}" failures="${summary.counts.fail}" errors="${summary.counts.unknown}" skipped="${skipped}" time="${time}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
