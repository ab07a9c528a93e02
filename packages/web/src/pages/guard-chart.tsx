/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The guard's decisions per day as stacked bars in inline SVG, drawn on the server (no
// script, nothing fetched; the CSP allows neither). Every day of the window has its slot,
// so a quiet day shows as a gap rather than vanishing; the table beside it has the figures.
import type { GuardDay } from '../data/evidence.ts';

const W = 720;
const H = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };
/** Refusals first and in warm colours: they are what an auditor asks about. */
const COLOURS: Record<string, string> = {
  'outbound denied': '#b91c1c',
  'outbound refused': '#7f1d1d',
  'webhook rejected': '#b45309',
  'outbound reported': '#6d28d9',
  'outbound allowed': '#94a3b8',
  'sink dropped': '#0f172a',
};
const FALLBACK = ['#0e7490', '#15803d', '#64748b'];

export function seriesOrder(series: Iterable<string>): string[] {
  const known = Object.keys(COLOURS);
  return [...new Set(series)].sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

export function colourOf(series: string, order: readonly string[]): string {
  return COLOURS[series] ?? FALLBACK[order.indexOf(series) % FALLBACK.length]!;
}

/** The `days` UTC days ending with the day of `now`, oldest first (YYYY-MM-DD). */
export function dayWindow(now: number, days: number): string[] {
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

export function GuardChart(props: { guard: readonly GuardDay[]; days: readonly string[] }) {
  const order = seriesOrder(props.guard.map((g) => g.series));
  const byDay = new Map<string, Map<string, number>>();
  for (const g of props.guard) {
    const m = byDay.get(g.day) ?? new Map<string, number>();
    m.set(g.series, (m.get(g.series) ?? 0) + g.count);
    byDay.set(g.day, m);
  }
  const totals = props.days.map((d) => [...(byDay.get(d)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, props.days.length);
  const barW = Math.max(1, slot * 0.75);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const all = totals.reduce((a, b) => a + b, 0);
  const refused = props.guard.filter((g) => g.series !== 'outbound allowed').reduce((a, g) => a + g.count, 0);
  return (
    <figure class="card">
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="guard-title">
        <title id="guard-title">{`Guard decisions per day over ${props.days.length} days: ${all} in all, ${refused} not allowed`}</title>
        <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} stroke="#d9dce3" />
        <line x1={PAD.left} y1={y(max)} x2={W - PAD.right} y2={y(max)} stroke="#eef0f3" />
        <text x={PAD.left - 6} y={y(0) + 4} text-anchor="end">0</text>
        <text x={PAD.left - 6} y={y(max) + 4} text-anchor="end">{max}</text>
        <text x={PAD.left} y={H - 6}>{props.days[0] ?? ''}</text>
        <text x={W - PAD.right} y={H - 6} text-anchor="end">{props.days[props.days.length - 1] ?? ''}</text>
        {props.days.map((d, i) => {
          let base = 0;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return order.map((s) => {
            const n = byDay.get(d)?.get(s) ?? 0;
            if (!n) return null;
            const top = y(base + n);
            const rect = (
              <rect class="bar" x={x.toFixed(1)} y={top.toFixed(1)} width={barW.toFixed(1)} height={(y(base) - top).toFixed(1)} fill={colourOf(s, order)}>
                <title>{`${d}: ${n} ${s}`}</title>
              </rect>
            );
            base += n;
            return rect;
          });
        })}
      </svg>
      <figcaption class="legend">
        {order.map((s, i) => (
          <>
            {i ? ' · ' : ''}
            {/* An SVG swatch: the CSP refuses style attributes, not SVG's fill. */}
            <svg class="swatch" width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={colourOf(s, order)} />
            </svg>{' '}
            {s}
          </>
        ))}
      </figcaption>
    </figure>
  );
}
