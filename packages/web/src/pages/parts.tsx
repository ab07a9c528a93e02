/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// Small pieces every page uses: status pills, counts worst first, dates, links with filters.
import type { AccountPosture } from '../data/posture.ts';
import { STATUS_ORDER, type StatusCounts } from '../data/statuses.ts';

export function StatusPill(props: { status: string }) {
  return <span class={`pill s-${STATUS_ORDER.includes(props.status as never) ? props.status : 'unknown'}`}>{props.status}</span>;
}

/** Findings by status, worst first, each a link to those findings. */
export function CountsList(props: { counts: StatusCounts; link?: (status: string) => string }) {
  return (
    <ul class="counts">
      {STATUS_ORDER.map((s) => (
        <li>
          <a href={props.link ? props.link(s) : `/findings?status=${s}`}>
            <strong>{props.counts[s].toLocaleString('en-US')}</strong>
            <StatusPill status={s} />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** `2026-12-03 07:10 UTC` from an ISO timestamp. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A path with query parameters, empty ones left out. */
export function href(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function EmptyLedger() {
  return (
    <section class="card">
      <h2>No scan recorded yet</h2>
      <p>
        The ledger holds no finished run. Run <code>npx chaperone scan --demo</code> (or <code>chaperone scan</code> with your credentials); each run is recorded and
        shows here.
      </p>
    </section>
  );
}

/** Accounts with their findings by status, each count a link to those findings. */
export function AccountsTable(props: { accounts: readonly AccountPosture[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Account</th>
          <th>Platform</th>
          {STATUS_ORDER.map((s) => (
            <th class="num">{s}</th>
          ))}
          <th>Latest complete run</th>
        </tr>
      </thead>
      <tbody>
        {props.accounts.map((a) => (
          <tr>
            <td>
              <a class="mono" href={`/accounts/${a.account}`}>
                {a.account}
              </a>
            </td>
            <td>{a.platform}</td>
            {STATUS_ORDER.map((s) => (
              <td class="num">{a.counts[s] ? <a href={href(`/accounts/${a.account}`, { status: s })}>{a.counts[s]}</a> : '0'}</td>
            ))}
            <td>
              {when(a.startedAt)}
              {a.complete ? '' : ' (incomplete)'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A select of statuses (empty: any). */
export function StatusSelect(props: { selected?: string }) {
  return (
    <label>
      Status
      <select name="status">
        <option value="">any</option>
        {STATUS_ORDER.map((s) => (
          <option value={s} selected={props.selected === s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
