// The HTML report: one self-contained file, in the manner of Prowler's. Verdict and counts,
// an SVG chart of open findings by severity and stacked bars per account, then every
// finding grouped by control (one collapsible row per control, its resources inside, the
// remediation once), with status and severity chips, a search box, product and account
// filters and sortable columns. Passes are hidden until their chip is pressed. No request
// on load; every value goes through escapeMarkup; a CSP admitting only this file's own
// style and script (by hash) is the second wall should an escape ever be missed.
import { createHash } from 'node:crypto';
import type { Severity } from '@chaperone/controls';
import { SEVERITY_ORDER, STATUS_ORDER } from '../../types.ts';
import type { Finding, FindingStatus, ScanReport } from '../../types.ts';
import { controlOf, productOf } from '../catalog.ts';
import { escapeMarkup as e } from '../escape.ts';
import { accountKey, headline, sortFindings, summarize } from '../summary.ts';
import { accountBars, legend, OPEN_STATUSES, severityChart } from './charts.ts';
import { SCRIPT } from './script.ts';
import { STYLE } from './style.ts';

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** Only https links to the guide become anchors; anything else stays text (no javascript: URLs). */
function guideLink(text: string, url: string | undefined): string {
  if (!url || !/^https:\/\/[^\s"'<>]+$/.test(url)) return e(text);
  return `<a href="${e(url)}" rel="noreferrer noopener" target="_blank">${e(text)}</a>`;
}

/** Statuses shown until a chip says otherwise: everything but passes. */
const SHOWN_BY_DEFAULT = new Set<FindingStatus>(STATUS_ORDER.filter((s) => s !== 'pass'));

interface Group {
  control: string;
  findings: Finding[];
  /** The worst status among its findings (they arrive sorted worst first). */
  worst: FindingStatus;
  severity: Severity;
}

function groupByControl(sorted: readonly Finding[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of sorted) {
    const group = groups.get(f.control);
    if (group) group.findings.push(f);
    else groups.set(f.control, { control: f.control, findings: [f], worst: f.status, severity: f.severity });
  }
  return [...groups.values()];
}

function findingRow(f: Finding): string {
  const product = productOf(f.control);
  const resource = `${f.resource.kind} ${f.resource.sid}${f.resource.friendlyName ? ` (${f.resource.friendlyName})` : ''}`;
  const text = [f.control, controlOf(f.control)?.summary ?? '', product, f.status, f.severity, f.platform, f.account, resource, f.evidence, f.note ?? ''].join(' ');
  return (
    `<tr class="finding" data-status="${e(f.status)}" data-severity="${e(f.severity)}" data-product="${e(product)}" data-account="${e(accountKey(f.platform, f.account))}" data-text="${e(text)}"${SHOWN_BY_DEFAULT.has(f.status) ? '' : ' hidden'}>` +
    `<td class="s s-${f.status}">${e(f.status)}</td>` +
    `<td class="id">${e(`${f.platform} ${f.account}`)}</td>` +
    `<td class="id">${e(resource)}</td>` +
    `<td class="ev">${e(f.evidence)}${f.note ? `\n<em>${e(f.note)}</em>` : ''}</td></tr>`
  );
}

function groupBlock(group: Group): string {
  const control = controlOf(group.control);
  const product = productOf(group.control);
  const open = group.findings.filter((f) => (OPEN_STATUSES as readonly FindingStatus[]).includes(f.status)).length;
  const citation = control && control.hipaaCitation.length > 0 ? `45 CFR ${control.hipaaCitation.join(', ')}` : 'no HIPAA citation in the guide';
  const remediation = group.findings[0]!.remediation;
  return `<details class="group" data-control="${e(group.control)}" data-product="${e(product)}" data-severity="${SEVERITY_ORDER.indexOf(group.severity)}" data-status="${STATUS_ORDER.indexOf(group.worst)}" data-open="${-open}">
<summary class="row"><span class="ctl"><b>${e(group.control)}</b></span><span>${e(control?.summary ?? group.control)}</span><span>${e(product)}</span><span><span class="sev sev-${e(group.severity)}">${e(group.severity)}</span></span><span class="s s-${group.worst}">${e(group.worst)}</span><span class="n"><span class="shown-count">${group.findings.length}</span></span></summary>
<div class="body">
<p><b>Fix:</b> ${e(remediation)}</p>
<p class="meta">${e(citation)} · ${guideLink('guide', control?.reference)} · ${open} open of ${group.findings.length}</p>
<table class="resources"><thead><tr><th>Status</th><th>Account</th><th>Resource</th><th>Evidence</th></tr></thead><tbody>
${group.findings.map(findingRow).join('\n')}
</tbody></table>
</div>
</details>`;
}

function tallyTable(title: string, rows: readonly { label: string; note?: string; counts: Record<FindingStatus, number> }[]): string {
  const head = `<tr><th>${e(title)}</th>${STATUS_ORDER.map((s) => `<th class="n s s-${s}">${s}</th>`).join('')}</tr>`;
  const body = rows.map((t) => `<tr><td class="id">${e(t.label)}${t.note ? ` <em>${e(t.note)}</em>` : ''}</td>${STATUS_ORDER.map((s) => `<td class="n">${t.counts[s]}</td>`).join('')}</tr>`).join('\n');
  return `<table class="tally"><colgroup><col class="wide">${STATUS_ORDER.map(() => '<col>').join('')}</colgroup><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderHtml(report: ScanReport): string {
  const summary = summarize(report);
  const scan = report.scan;
  const findings = sortFindings(report.findings);
  const groups = groupByControl(findings);
  const csp = ["default-src 'none'", `style-src ${cspHash(STYLE)}`, `script-src ${cspHash(SCRIPT)}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  const [verdictWord, ...rest] = headline(summary).split('  ');
  const bySeverity = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s && (OPEN_STATUSES as readonly FindingStatus[]).includes(f.status)).length])) as Record<Severity, number>;
  const cards = STATUS_ORDER.map((s) => `<div class="card"><b class="s s-${s}">${summary.counts[s]}</b>${s}</div>`).join('');
  const statusChips = STATUS_ORDER.map((s) => `<button type="button" data-status="${s}" aria-pressed="${SHOWN_BY_DEFAULT.has(s)}"><span class="s s-${s}">${s}</span> ${summary.counts[s]}</button>`).join('\n');
  const severityChips = SEVERITY_ORDER.map((s) => `<button type="button" data-severity="${s}" aria-pressed="true">${s} ${findings.filter((f) => f.severity === s).length}</button>`).join('\n');
  const productOptions = summary.byProduct.map((t) => `<option value="${e(t.key)}">${e(t.label)}</option>`).join('');
  const accountOptions = summary.byAccount.map((t) => `<option value="${e(t.key)}">${e(`${t.platform} ${t.label}`)}</option>`).join('');
  const shownCount = findings.filter((f) => SHOWN_BY_DEFAULT.has(f.status)).length;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${e(`Chaperone HIPAA scan: ${verdictWord}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1><span class="verdict verdict-${summary.verdict}">${e(verdictWord ?? '')}</span>${e(rest.join('  '))}</h1>
<p class="meta">${e(`Chaperone ${scan.chaperoneVersion} · guide ${scan.guideVersion} · ${scan.started} to ${scan.finished} · ${scan.requests} requests, ${scan.throttled} throttled, ${scan.retries} retried`)}</p>
</header>
<div class="cards">${cards}</div>
${scan.errors.length > 0 ? `<section><h2>Collection errors</h2><ul>${scan.errors.map((x) => `<li>${e(x)}</li>`).join('')}</ul></section>` : ''}
${scan.expired.length > 0 ? `<section><h2>Expired attestations and mutes</h2><ul>${scan.expired.map((x) => `<li>${e(`${x.kind} ${x.control}${x.resource ? ` ${x.resource}` : ''} expired ${x.expired}`)}</li>`).join('')}</ul></section>` : ''}
<section class="charts">
<div><h2>Open findings by severity</h2>${severityChart(bySeverity)}<p class="meta">fail, advisory, unknown and manual findings</p></div>
<div><h2>By account</h2>${accountBars(summary.byAccount)}${legend()}</div>
</section>
<section><h2>Findings by control</h2>
<div class="filters"><span class="label">Status</span>
${statusChips}
</div>
<div class="filters"><span class="label">Severity</span>
${severityChips}
</div>
<div class="filters">
<input id="search" type="search" placeholder="Search control, resource, evidence…" aria-label="Search findings">
<label>Product <select id="filter-product"><option value="">All</option>${productOptions}</select></label>
<label>Account <select id="filter-account"><option value="">All</option>${accountOptions}</select></label>
<button type="button" id="expand-all">Expand / collapse all</button>
<span id="shown">Showing ${shownCount} of ${findings.length} findings</span>
</div>
<div class="head"><button type="button" data-sort="control">Control</button><span>Requirement</span><button type="button" data-sort="product">Product</button><button type="button" data-sort="severity">Severity</button><button type="button" data-sort="status" aria-sort="ascending">Status</button><button type="button" data-sort="open" class="n">Findings</button></div>
<div id="groups">
${groups.map(groupBlock).join('\n')}
</div>
</section>
<section><h2>By product</h2>
${tallyTable('Product', summary.byProduct)}
</section>
<section><h2>By account</h2>
${tallyTable('Account', summary.byAccount.map((a) => ({ ...a, label: `${a.platform} ${a.label}`, ...(a.complete ? {} : { note: 'incomplete' }) })))}
</section>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
