// Markdown for pull-request comments, wikis and tickets: the verdict, counts, the
// per-product and per-account tallies, then one table per product listing every finding
// that is not a pass (passes are counted, not listed: a large organisation has thousands).
import { STATUS_ORDER } from '../types.ts';
import type { Finding, ScanReport } from '../types.ts';
import { productOf } from './catalog.ts';
import { markdownCell as cell } from './escape.ts';
import { headline, sortFindings, summarize } from './summary.ts';
import type { Tally } from './summary.ts';

function tallyTable(title: string, tallies: readonly Tally[]): string[] {
  const header = `| ${title} | ${STATUS_ORDER.join(' | ')} |`;
  const rule = `|---|${STATUS_ORDER.map(() => '---:').join('|')}|`;
  const rows = tallies.map((t) => `| ${cell(t.label)} | ${STATUS_ORDER.map((s) => String(t.counts[s])).join(' | ')} |`);
  return [header, rule, ...rows];
}

function findingRow(f: Finding): string {
  const resource = `${f.resource.kind} ${f.resource.sid}${f.resource.friendlyName ? ` (${f.resource.friendlyName})` : ''}`;
  const evidence = f.note ? `${f.evidence} (${f.note})` : f.evidence;
  return `| ${[f.status, f.severity, f.control, `${f.platform} ${f.account}`, resource, evidence, f.remediation].map(cell).join(' | ')} |`;
}

export function renderMarkdown(report: ScanReport): string {
  const summary = summarize(report);
  const scan = report.scan;
  const lines = [
    '# Chaperone HIPAA scan',
    '',
    `**${cell(headline(summary))}**`,
    '',
    cell(`Chaperone ${scan.chaperoneVersion}, guide ${scan.guideVersion}. Scan ${scan.started} to ${scan.finished}: ${scan.requests} requests, ${scan.throttled} throttled, ${scan.retries} retried.`),
    '',
    `| ${STATUS_ORDER.join(' | ')} |`,
    `|${STATUS_ORDER.map(() => '---:').join('|')}|`,
    `| ${STATUS_ORDER.map((s) => String(summary.counts[s])).join(' | ')} |`,
    '',
    '## By product',
    '',
    ...tallyTable('Product', summary.byProduct),
    '',
    '## By account',
    '',
    ...tallyTable('Account', summary.byAccount.map((a) => ({ ...a, label: `${a.platform} ${a.label}${a.complete ? '' : ' (incomplete)'}` }))),
    '',
  ];

  if (scan.errors.length > 0) {
    lines.push('## Collection errors', '', ...scan.errors.map((e) => `- ${cell(e)}`), '');
  }
  if (scan.expired.length > 0) {
    lines.push(
      '## Expired attestations and mutes',
      '',
      ...scan.expired.map((e) => `- ${cell(`${e.kind} ${e.control}${e.resource ? ` ${e.resource}` : ''} expired ${e.expired}`)}`),
      '',
    );
  }

  const byProduct = new Map<string, Finding[]>();
  for (const finding of sortFindings(report.findings)) {
    if (finding.status === 'pass') continue;
    const product = productOf(finding.control);
    const list = byProduct.get(product);
    if (list) list.push(finding);
    else byProduct.set(product, [finding]);
  }
  lines.push('## Findings', '');
  if (byProduct.size === 0) lines.push(`No findings other than ${summary.counts.pass} passes.`, '');
  for (const tally of summary.byProduct) {
    const findings = byProduct.get(tally.key);
    if (!findings) continue;
    lines.push(
      `### ${cell(tally.label)}`,
      '',
      '| Status | Severity | Control | Account | Resource | Evidence | Remediation |',
      '|---|---|---|---|---|---|---|',
      ...findings.map(findingRow),
      '',
    );
    if (tally.counts.pass > 0) lines.push(`${tally.counts.pass} passing finding${tally.counts.pass === 1 ? '' : 's'} not listed.`, '');
  }
  return lines.join('\n');
}
