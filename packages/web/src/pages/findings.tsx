/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { productSections } from '@chaperone/controls';
import type { FindingFilter, FindingRow } from '../data/findings.ts';
import { Layout, type PageContext } from './layout.tsx';
import { StatusPill, StatusSelect, href } from './parts.tsx';

export const PAGE_SIZE = 100;

/** The filter form: GET, so every filtered view is a link to share. */
export function FilterForm(props: { action: string; filter: FindingFilter; hide?: ('account' | 'control')[] }) {
  const f = props.filter;
  const hide = new Set(props.hide ?? []);
  return (
    <form class="filters" method="get" action={props.action}>
      <StatusSelect selected={f.status?.length === 1 ? f.status[0] : undefined} />
      <label>
        Severity
        <select name="severity">
          <option value="">any</option>
          {['critical', 'high', 'medium', 'low', 'info'].map((s) => (
            <option value={s} selected={f.severity?.length === 1 && f.severity[0] === s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Product
        <select name="product">
          <option value="">any</option>
          {productSections().map((p) => (
            <option value={p} selected={f.product === p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      {hide.has('control') ? null : (
        <label>
          Control
          <input type="text" name="control" value={f.control ?? ''} size={18} />
        </label>
      )}
      {hide.has('account') ? null : (
        <label>
          Account
          <input type="text" name="account" value={f.account ?? ''} size={36} />
        </label>
      )}
      <label>
        Search
        <input type="text" name="q" value={f.q ?? ''} size={18} />
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

export function FindingsTable(props: { rows: FindingRow[]; showAccount?: boolean }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Status</th>
          <th>Severity</th>
          <th>Control</th>
          {props.showAccount === false ? null : <th>Account</th>}
          <th>Resource</th>
          <th>Evidence</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td>
              <StatusPill status={r.status} />
            </td>
            <td>{r.severity}</td>
            <td>
              <a href={`/controls/${r.control}`}>{r.control}</a>
            </td>
            {props.showAccount === false ? null : (
              <td>
                <a class="mono" href={`/accounts/${r.account}`}>
                  {r.account}
                </a>
              </td>
            )}
            <td class="mono">
              {r.resource_sid}
              <br />
              <span class="muted">{r.resource_kind}</span>
            </td>
            <td>
              {r.evidence}
              {r.note ? <div class="muted">{r.note}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Pager(props: { path: string; params: Record<string, string | undefined>; page: number; total: number }) {
  const pages = Math.max(1, Math.ceil(props.total / PAGE_SIZE));
  return (
    <p class="pager">
      <span>
        {props.total.toLocaleString('en-US')} finding{props.total === 1 ? '' : 's'} · page {props.page} of {pages}
      </span>
      {props.page > 1 ? <a href={href(props.path, { ...props.params, page: props.page - 1 })}>Previous</a> : null}
      {props.page < pages ? <a href={href(props.path, { ...props.params, page: props.page + 1 })}>Next</a> : null}
    </p>
  );
}

export function FindingsPage(props: { ctx: PageContext; filter: FindingFilter; rows: FindingRow[]; total: number; page: number; params: Record<string, string | undefined> }) {
  return (
    <Layout ctx={props.ctx} title="Findings">
      <h1>Findings</h1>
      <p class="muted">Every account at its latest complete run. The address of this page keeps the filters: copy it to share the view.</p>
      <FilterForm action="/findings" filter={props.filter} />
      <Pager path="/findings" params={props.params} page={props.page} total={props.total} />
      <FindingsTable rows={props.rows} />
    </Layout>
  );
}
