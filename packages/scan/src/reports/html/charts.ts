// Inline SVG charts of the HTML report: findings by severity and by status per account.
// Presentation attributes only (fill, width...), never a style attribute: the page's CSP
// admits its one hashed <style> and nothing inline.
import { SEVERITY_ORDER } from '../../types.ts';
import type { FindingStatus } from '../../types.ts';
import type { Severity } from '@chaperone/controls';
import { escapeMarkup as e } from '../escape.ts';
import type { AccountTally } from '../summary.ts';

export const STATUS_COLOURS: Record<FindingStatus, string> = {
  fail: '#b42318',
  advisory: '#9e3f9c',
  unknown: '#b54708',
  manual: '#175cd3',
  attested: '#067647',
  muted: '#667085',
  pass: '#12b76a',
};

export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#7a271a',
  high: '#d92d20',
  medium: '#f79009',
  low: '#2e90fa',
  info: '#98a2b3',
};

/** Statuses that need action, in the order bars are stacked. */
export const OPEN_STATUSES = ['fail', 'advisory', 'unknown', 'manual'] as const satisfies readonly FindingStatus[];

/** Horizontal bars: open findings (fail, advisory, unknown, manual) per severity. */
export function severityChart(bySeverity: Record<Severity, number>): string {
  const width = 420;
  const labelWidth = 80;
  const row = 26;
  const max = Math.max(1, ...SEVERITY_ORDER.map((s) => bySeverity[s]));
  const bars = SEVERITY_ORDER.map((severity, i) => {
    const n = bySeverity[severity];
    const w = Math.round(((width - labelWidth - 50) * n) / max);
    const y = i * row;
    return `<g><text x="0" y="${y + 17}" font-size="13" fill="#344054">${severity}</text><rect x="${labelWidth}" y="${y + 4}" width="${w}" height="18" rx="3" fill="${SEVERITY_COLOURS[severity]}"><title>${n} open ${severity} findings</title></rect><text x="${labelWidth + w + 6}" y="${y + 17}" font-size="13" fill="#101828">${n}</text></g>`;
  }).join('');
  return `<svg class="chart" role="img" aria-label="Open findings by severity" viewBox="0 0 ${width} ${SEVERITY_ORDER.length * row}" width="${width}" height="${SEVERITY_ORDER.length * row}">${bars}</svg>`;
}

/** One stacked bar per account (worst first), coloured by status; at most `limit` accounts. */
export function accountBars(accounts: readonly AccountTally[], limit = 20): string {
  const shown = accounts.slice(0, limit);
  const width = 620;
  const labelWidth = 250;
  const row = 24;
  const max = Math.max(1, ...shown.map((a) => a.total));
  const rows = shown.map((account, i) => {
    const y = i * row;
    let x = labelWidth;
    const segments = (['fail', 'advisory', 'unknown', 'manual', 'attested', 'muted', 'pass'] as const)
      .map((status) => {
        const n = account.counts[status];
        if (n === 0) return '';
        const w = Math.max(1, Math.round(((width - labelWidth - 10) * n) / max));
        const rect = `<rect x="${x}" y="${y + 4}" width="${w}" height="16" fill="${STATUS_COLOURS[status]}"><title>${e(`${account.label}: ${n} ${status}`)}</title></rect>`;
        x += w;
        return rect;
      })
      .join('');
    // SIDs share their first 28 characters in an organisation: keep the ends, then the name.
    const name = account.label.startsWith(account.sid) ? account.label.slice(account.sid.length).trim() : account.label;
    const sid = account.sid.length > 14 ? `${account.sid.slice(0, 4)}…${account.sid.slice(-6)}` : account.sid;
    const text = `${sid} ${name}`.trim();
    const label = text.length > 36 ? `${text.slice(0, 35)}…` : text;
    return `<g><text x="0" y="${y + 16}" font-size="12" fill="#344054">${e(`${label}${account.complete ? '' : ' (incomplete)'}`)}<title>${e(account.label)}</title></text>${segments}</g>`;
  });
  const more = accounts.length > limit ? `<p class="meta">${accounts.length - limit} more accounts in the table below.</p>` : '';
  const height = Math.max(row, shown.length * row);
  return `<svg class="chart" role="img" aria-label="Findings per account by status" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg>${more}`;
}

export function legend(): string {
  return `<p class="legend">${(Object.keys(STATUS_COLOURS) as FindingStatus[])
    .map((s) => `<span class="key"><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${STATUS_COLOURS[s]}"/></svg> ${s}</span>`)
    .join(' ')}</p>`;
}
