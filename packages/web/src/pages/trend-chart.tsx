/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The trend as inline SVG, drawn on the server: no script, nothing fetched, readable by
// screen readers through its title and the table beside it.
import type { TrendPoint } from '../data/posture.ts';

const W = 720;
const H = 180;
const PAD = { left: 40, right: 12, top: 12, bottom: 24 };

function scale(points: readonly TrendPoint[]) {
  const max = Math.max(1, ...points.map((p) => Math.max(p.failingControls, p.unknown)));
  const step = points.length > 1 ? (W - PAD.left - PAD.right) / (points.length - 1) : 0;
  const x = (i: number) => PAD.left + (points.length > 1 ? i * step : (W - PAD.left - PAD.right) / 2);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  return { max, x, y };
}

function path(points: readonly TrendPoint[], pick: (p: TrendPoint) => number, s: ReturnType<typeof scale>): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${s.x(i).toFixed(1)},${s.y(pick(p)).toFixed(1)}`).join('');
}

export function TrendChart(props: { points: readonly TrendPoint[] }) {
  const points = props.points;
  const s = scale(points);
  const last = points[points.length - 1];
  const first = points[0];
  return (
    <figure class="card">
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="trend-title">
        <title id="trend-title">{`Failing controls and unknown findings over ${points.length} run${points.length === 1 ? '' : 's'}; latest: ${last?.failingControls ?? 0} failing controls, ${last?.unknown ?? 0} unknown`}</title>
        <line x1={PAD.left} y1={s.y(0)} x2={W - PAD.right} y2={s.y(0)} stroke="#d9dce3" />
        <line x1={PAD.left} y1={s.y(s.max)} x2={W - PAD.right} y2={s.y(s.max)} stroke="#eef0f3" />
        <text x={PAD.left - 6} y={s.y(0) + 4} text-anchor="end">0</text>
        <text x={PAD.left - 6} y={s.y(s.max) + 4} text-anchor="end">{s.max}</text>
        <text x={PAD.left} y={H - 6}>{first?.startedAt.slice(0, 10) ?? ''}</text>
        <text x={W - PAD.right} y={H - 6} text-anchor="end">{last?.startedAt.slice(0, 10) ?? ''}</text>
        <path d={path(points, (p) => p.failingControls, s)} fill="none" stroke="#b91c1c" stroke-width="2" />
        <path d={path(points, (p) => p.unknown, s)} fill="none" stroke="#6d28d9" stroke-width="2" stroke-dasharray="5 3" />
        {points.length <= 60
          ? points.map((p, i) => <circle cx={s.x(i).toFixed(1)} cy={s.y(p.failingControls).toFixed(1)} r="2.5" fill="#b91c1c" />)
          : null}
      </svg>
      <figcaption class="legend">
        <span class="k-fail">━ failing controls</span> · <span class="k-unknown">╌ unknown findings</span> — each point is the posture as of that run (every account at its
        latest complete run then).
      </figcaption>
    </figure>
  );
}
