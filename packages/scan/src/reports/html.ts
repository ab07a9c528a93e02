// One self-contained HTML file: inline CSS and a few lines of inline JS (filter by
// status, product and account), no external request on load. Every value goes through
// escapeMarkup; a Content-Security-Policy that allows only this file's own style and
// script (by hash) is the second wall should an escape ever be missed.
import { createHash } from 'node:crypto';
import { STATUS_ORDER } from '../types.ts';
import type { Finding, ScanReport } from '../types.ts';
import { controlOf, productOf } from './catalog.ts';
import { escapeMarkup as e } from './escape.ts';
import { accountKey, headline, sortFindings, summarize } from './summary.ts';
import type { Tally } from './summary.ts';

const STYLE = `
:root { color-scheme: light; --fail: #b42318; --advisory: #9e3f9c; --unknown: #b54708; --manual: #175cd3; --muted: #667085; --attested: #067647; --pass: #067647; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #101828; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h1 .verdict { padding: .1rem .6rem; border-radius: .3rem; color: #fff; margin-right: .5rem; }
.verdict-fail { background: var(--fail); } .verdict-incomplete { background: var(--unknown); } .verdict-pass { background: var(--pass); }
.meta { color: #475467; margin: .25rem 0 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #eaecf0; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f9fafb; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.ev { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; word-break: break-word; min-width: 18rem; max-width: 40rem; }
td.id { font-size: 12px; word-break: break-all; min-width: 10rem; max-width: 18rem; }
td.ctl { white-space: nowrap; }
.s { font-weight: 600; } .s-fail { color: var(--fail); } .s-advisory { color: var(--advisory); } .s-unknown { color: var(--unknown); } .s-manual { color: var(--manual); }
.s-muted { color: var(--muted); } .s-attested, .s-pass { color: var(--pass); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
.filters button { border: 1px solid #d0d5dd; background: #fff; border-radius: 1rem; padding: .2rem .7rem; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #101828; color: #fff; }
`;

const SCRIPT = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button[data-status]'));
  var product = document.getElementById('filter-product');
  var account = document.getElementById('filter-account');
  var shown = document.getElementById('shown');
  var active = {};
  function apply() {
    var any = Object.keys(active).length > 0, n = 0;
    rows.forEach(function (row) {
      var ok = (!any || active[row.getAttribute('data-status')] === true)
        && (product.value === '' || row.getAttribute('data-product') === product.value)
        && (account.value === '' || row.getAttribute('data-account') === account.value);
      row.hidden = !ok;
      if (ok) n += 1;
    });
    shown.textContent = 'Showing ' + n + ' of ' + rows.length + ' findings';
  }
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      var status = button.getAttribute('data-status');
      if (active[status]) delete active[status]; else active[status] = true;
      button.setAttribute('aria-pressed', active[status] ? 'true' : 'false');
      apply();
    });
  });
  product.addEventListener('change', apply);
  account.addEventListener('change', apply);
  apply();
})();
`;

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** Only https links to the guide become anchors; anything else stays text (no javascript: URLs). */
function guideLink(text: string, url: string | undefined): string {
  if (!url || !/^https:\/\/[^\s"'<>]+$/.test(url)) return e(text);
  return `<a href="${e(url)}" rel="noreferrer noopener" target="_blank">${e(text)}</a>`;
}

function tallyTable(title: string, tallies: readonly (Tally & { note?: string })[]): string {
  const head = `<tr><th>${e(title)}</th>${STATUS_ORDER.map((s) => `<th class="s s-${s}">${s}</th>`).join('')}</tr>`;
  const rows = tallies
    .map((t) => `<tr><td>${e(t.label)}${t.note ? ` <em>${e(t.note)}</em>` : ''}</td>${STATUS_ORDER.map((s) => `<td class="n">${t.counts[s]}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function findingRow(f: Finding): string {
  const product = productOf(f.control);
  const resource = `${f.resource.kind} ${f.resource.sid}${f.resource.friendlyName ? ` (${f.resource.friendlyName})` : ''}`;
  const cells = [
    `<td class="s s-${f.status}">${e(f.status)}</td>`,
    `<td>${e(f.severity)}</td>`,
    `<td class="ctl">${guideLink(f.control, controlOf(f.control)?.reference)}</td>`,
    `<td>${e(product)}</td>`,
    `<td class="id">${e(`${f.platform} ${f.account}`)}</td>`,
    `<td class="id">${e(resource)}</td>`,
    `<td class="ev">${e(f.evidence)}${f.note ? `\n<em>${e(f.note)}</em>` : ''}</td>`,
    `<td>${e(f.remediation)}</td>`,
  ];
  return `<tr data-status="${e(f.status)}" data-product="${e(product)}" data-account="${e(accountKey(f.platform, f.account))}">${cells.join('')}</tr>`;
}

export function renderHtml(report: ScanReport): string {
  const summary = summarize(report);
  const scan = report.scan;
  const findings = sortFindings(report.findings);
  const csp = [
    "default-src 'none'",
    `style-src ${cspHash(STYLE)}`,
    `script-src ${cspHash(SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const [verdictWord, ...rest] = headline(summary).split('  ');
  const statusButtons = STATUS_ORDER.map(
    (s) => `<button type="button" data-status="${s}" aria-pressed="false"><span class="s s-${s}">${s}</span> ${summary.counts[s]}</button>`,
  ).join('\n');
  const productOptions = summary.byProduct.map((t) => `<option value="${e(t.key)}">${e(t.label)}</option>`).join('');
  const accountOptions = summary.byAccount.map((t) => `<option value="${e(t.key)}">${e(`${t.platform} ${t.label}`)}</option>`).join('');
  const topFailing = summary.failingControls.slice(0, 10);

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
${scan.errors.length > 0 ? `<section><h2>Collection errors</h2><ul>${scan.errors.map((x) => `<li>${e(x)}</li>`).join('')}</ul></section>` : ''}
${scan.expired.length > 0 ? `<section><h2>Expired attestations and mutes</h2><ul>${scan.expired.map((x) => `<li>${e(`${x.kind} ${x.control}${x.resource ? ` ${x.resource}` : ''} expired ${x.expired}`)}</li>`).join('')}</ul></section>` : ''}
${
  topFailing.length > 0
    ? `<section><h2>Top failing controls</h2><table><thead><tr><th>Control</th><th>Failing</th><th>Severity</th><th>Fix</th></tr></thead><tbody>${topFailing
        .map((c) => `<tr><td>${guideLink(c.control, controlOf(c.control)?.reference)}</td><td class="n">${c.count}</td><td>${e(c.severity)}</td><td>${e(c.remediation)}</td></tr>`)
        .join('')}</tbody></table></section>`
    : ''
}
<section><h2>By product</h2>
${tallyTable('Product', summary.byProduct)}
</section>
<section><h2>By account</h2>
${tallyTable('Account', summary.byAccount.map((a) => ({ ...a, label: `${a.platform} ${a.label}`, note: a.complete ? undefined : 'incomplete' })))}
</section>
<section><h2>Findings</h2>
<div class="filters">
${statusButtons}
<label>Product <select id="filter-product"><option value="">All</option>${productOptions}</select></label>
<label>Account <select id="filter-account"><option value="">All</option>${accountOptions}</select></label>
<span id="shown">Showing ${findings.length} of ${findings.length} findings</span>
</div>
<table id="findings">
<thead><tr><th>Status</th><th>Severity</th><th>Control</th><th>Product</th><th>Account</th><th>Resource</th><th>Evidence</th><th>Remediation</th></tr></thead>
<tbody>
${findings.map(findingRow).join('\n')}
</tbody>
</table>
</section>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
