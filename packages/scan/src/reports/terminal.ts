// The summary printed after a scan, built to be grasped in ten seconds: verdict first,
// then counts by status, products and accounts worst first, then what to fix first.
import pc from 'picocolors';
import { STATUS_ORDER } from '../types.ts';
import type { FindingStatus, ScanReport } from '../types.ts';
import { terminalSafe } from './escape.ts';
import { summarize } from './summary.ts';
import type { AccountTally, ReportSummary, Tally, Verdict } from './summary.ts';

export interface TerminalOptions {
  color: boolean;
  /**
   * Columns of the terminal, when stdout is one: long names and fixes are cut to fit, at a
   * word boundary. Not given (a pipe, a file, CI logs): nothing is cut, since no line wraps.
   */
  width?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

const MAX_ROWS = 10;
const MIN_WIDTH = 60;

function fit(text: string, width: number): string {
  const safe = terminalSafe(text);
  if (!Number.isFinite(width)) return safe;
  if (safe.length <= width) return safe.padEnd(width);
  if (width <= 1) return safe.slice(0, width);
  // End at a word boundary so no word is shown half; only one word longer than the whole
  // cell (a URL, a SID) is cut inside.
  const room = safe.slice(0, width - 1);
  const space = room.search(/\s\S*$/);
  const kept = space > 0 && /\s/.test(safe[width - 1]!) === false ? room.slice(0, space) : room;
  return `${kept.trimEnd()}…`.padEnd(width);
}

function cut(text: string, width: number): string {
  return fit(text, width).trimEnd();
}

function statusColor(c: Colors, status: FindingStatus): (s: string) => string {
  switch (status) {
    case 'fail':
      return (s) => c.bold(c.red(s));
    case 'advisory':
      return c.magenta;
    case 'unknown':
      return c.yellow;
    case 'manual':
      return c.cyan;
    case 'muted':
      return c.dim;
    default:
      return c.green;
  }
}

function verdictColor(c: Colors, verdict: Verdict): (s: string) => string {
  if (verdict === 'fail') return (s) => c.bold(c.white(c.bgRed(s)));
  if (verdict === 'incomplete') return (s) => c.bold(c.black(c.bgYellow(s)));
  return (s) => c.bold(c.black(c.bgGreen(s)));
}

interface TableRow {
  counts: Tally['counts'];
  /** Builds the name cell for the width left after the numbers. */
  label: (width: number) => string;
}

function tallyTable(c: Colors, title: string, tallies: readonly TableRow[], width: number): string[] {
  const columns = STATUS_ORDER.map((s) => ({ status: s, width: Math.max(s.length, ...tallies.map((t) => String(t.counts[s]).length)) }));
  const numbersWidth = columns.reduce((sum, col) => sum + col.width + 2, 0);
  const longest = Math.max(title.length, ...tallies.map((t) => t.label(Number.POSITIVE_INFINITY).length));
  const nameWidth = Math.max(16, Math.min(longest, width - numbersWidth - 2));
  const header = `  ${c.bold(fit(title, nameWidth))}${columns.map((col) => `  ${statusColor(c, col.status)(col.status.padStart(col.width))}`).join('')}`;
  const shown = tallies.slice(0, MAX_ROWS);
  const rows = shown.map((t) => {
    const name = fit(t.label(nameWidth), nameWidth);
    const numbers = columns
      .map((col) => {
        const n = t.counts[col.status];
        const text = String(n).padStart(col.width);
        return `  ${n > 0 && col.status !== 'pass' && col.status !== 'attested' ? statusColor(c, col.status)(text) : c.dim(text)}`;
      })
      .join('');
    return `  ${name}${numbers}`;
  });
  const more = tallies.length > shown.length ? [c.dim(`  … and ${tallies.length - shown.length} more`)] : [];
  return [header, ...rows, ...more];
}

/**
 * `AC123… Clinic (incomplete)`: the SID whole when it fits, else its ends (the rest is in
 * every file format), the name cut before the incomplete mark is.
 */
function accountLabel(account: AccountTally, width: number): string {
  const mark = account.complete ? '' : ' (incomplete)';
  const name = account.label.slice(account.sid.length).trim();
  const full = `${account.sid}${name ? ` ${name}` : ''}${mark}`;
  if (full.length <= width) return full;
  const sid = account.sid.length > 16 ? `${account.sid.slice(0, 6)}…${account.sid.slice(-6)}` : account.sid;
  const room = width - sid.length - mark.length - 1;
  return `${sid}${name && room > 1 ? ` ${cut(name, room)}` : ''}${mark}`;
}

function failingTable(c: Colors, summary: ReportSummary, width: number): string[] {
  const top = summary.failingControls.slice(0, MAX_ROWS);
  if (top.length === 0) return [];
  const idWidth = Math.max(...top.map((f) => f.control.length));
  const countWidth = Math.max(...top.map((f) => String(f.count).length));
  const sevWidth = 8;
  const fixWidth = Math.max(10, width - idWidth - countWidth - sevWidth - 8);
  const rows = top.map(
    (f) =>
      `  ${c.bold(f.control.padEnd(idWidth))}  ${c.red(String(f.count).padStart(countWidth))}  ${f.severity.padEnd(sevWidth)}  ${cut(f.remediation, fixWidth)}`,
  );
  const more =
    summary.failingControls.length > top.length ? [c.dim(`  … and ${summary.failingControls.length - top.length} more failing controls`)] : [];
  return [c.bold('Fix first'), ...rows, ...more];
}

function filterLine(filter: NonNullable<ScanReport['scan']['filter']>, shown: number): string {
  const by = [filter.statuses ? `--status ${filter.statuses.join(',')}` : '', filter.severities ? `--severity ${filter.severities.join(',')}` : ''].filter(Boolean).join(' ');
  return `showing ${shown} of ${filter.total} findings (${by}); the verdict and the exit code count every finding`;
}

export function renderTerminalSummary(report: ScanReport, options: TerminalOptions): string {
  const c = pc.createColors(options.color);
  const width = options.width === undefined ? Number.POSITIVE_INFINITY : Math.max(MIN_WIDTH, options.width);
  const summary = summarize(report);
  const scan = report.scan;

  // The padding gives the coloured badge its shape; without colour it would only be noise.
  const word = summary.verdict.toUpperCase();
  const verdict = options.color ? verdictColor(c, summary.verdict)(` ${word} `) : word;
  const parts = [
    statusColor(c, 'fail')(`${summary.counts.fail} failing`),
    statusColor(c, 'advisory')(`${summary.counts.advisory} advisory`),
    statusColor(c, 'unknown')(`${summary.counts.unknown} unknown`),
    statusColor(c, 'manual')(`${summary.counts.manual} manual`),
  ].join(', ');
  const accounts = `${summary.accountsComplete} of ${summary.accountsTotal} accounts complete`;
  const lines = [
    `${verdict}  ${parts} · ${summary.accountsComplete < summary.accountsTotal ? c.yellow(accounts) : accounts}`,
    c.dim(
      cut(
        `Chaperone ${scan.chaperoneVersion} · guide ${scan.guideVersion} · ${summary.total} findings · ${scan.requests} requests, ${scan.throttled} throttled`,
        width,
      ),
    ),
    ...(scan.filter ? [c.dim(cut(filterLine(scan.filter, summary.total), width))] : []),
    '',
    STATUS_ORDER.map((s) => `${statusColor(c, s)(s)} ${summary.counts[s]}`).join('   '),
    '',
    ...tallyTable(
      c,
      'By product',
      summary.byProduct.map((t) => ({ counts: t.counts, label: () => t.label })),
      width,
    ),
    '',
    ...tallyTable(
      c,
      'By account',
      summary.byAccount.map((a) => ({ counts: a.counts, label: (w: number) => accountLabel(a, w) })),
      width,
    ),
  ];
  const failing = failingTable(c, summary, width);
  if (failing.length > 0) lines.push('', ...failing);
  if (scan.errors.length > 0) {
    lines.push('', c.yellow(`${scan.errors.length} collection error${scan.errors.length === 1 ? '' : 's'}:`));
    lines.push(...scan.errors.slice(0, 3).map((err) => `  ${cut(err, width - 2)}`));
    if (scan.errors.length > 3) lines.push(c.dim(`  … and ${scan.errors.length - 3} more (see --format json)`));
  }
  if (scan.expired.length > 0) {
    lines.push('', c.yellow(`${scan.expired.length} expired attestation/mute entr${scan.expired.length === 1 ? 'y' : 'ies'} in chaperone.yaml no longer count${scan.expired.length === 1 ? 's' : ''}:`));
    lines.push(...scan.expired.map((e) => `  ${cut(`${e.kind} ${e.control}${e.resource ? ` ${e.resource}` : ''} expired ${e.expired}`, width - 2)}`));
  }
  return `${lines.join('\n')}\n`;
}
