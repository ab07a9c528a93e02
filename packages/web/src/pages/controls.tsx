/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { CLASSIFICATION_LABEL, citationText, type Control } from '@chaperone/controls';
import type { FindingFilter, FindingRow } from '../data/findings.ts';
import type { RunInfo } from '../data/posture.ts';
import { STATUS_ORDER } from '../data/statuses.ts';
import { Layout, type PageContext } from './layout.tsx';
import { FilterForm, FindingsTable, Pager } from './findings.tsx';
import { StatusPill, StatusSelect, href, when } from './parts.tsx';

export function ControlsPage(props: { ctx: PageContext; controls: readonly Control[]; counts: Map<string, Record<string, number>>; product?: string; q?: string; status?: string }) {
  return (
    <Layout ctx={props.ctx} title="Controls">
      <h1>Controls</h1>
      <form class="filters" method="get" action="/controls">
        <StatusSelect selected={props.status} />
        <label>
          Product
          <input type="text" name="product" value={props.product ?? ''} />
        </label>
        <label>
          Search
          <input type="text" name="q" value={props.q ?? ''} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>Control</th>
            <th>Product</th>
            <th>Summary</th>
            {STATUS_ORDER.map((s) => (
              <th class="num">{s}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.controls.map((c) => {
            const counts = props.counts.get(c.id) ?? {};
            return (
              <tr>
                <td>
                  <a href={`/controls/${c.id}`}>{c.id}</a>
                </td>
                <td>{c.product}</td>
                <td>{c.summary}</td>
                {STATUS_ORDER.map((s) => (
                  <td class="num">{counts[s] ? <a href={href('/findings', { control: c.id, status: s })}>{counts[s]}</a> : ''}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Layout>
  );
}

export function ControlPage(props: {
  ctx: PageContext;
  control: Control;
  filter: FindingFilter;
  rows: FindingRow[];
  total: number;
  page: number;
  params: Record<string, string | undefined>;
  historyRuns: readonly RunInfo[];
  history: Map<string, Map<string, string>>;
}) {
  const c = props.control;
  return (
    <Layout ctx={props.ctx} title={c.id}>
      <h1>
        {c.id} <span class="muted">· {c.product}</span>
      </h1>
      <section class="card">
        <p>{c.summary}</p>
        <p>
          <strong>Guide:</strong> {CLASSIFICATION_LABEL[c.classification]} · severity {c.severity} · verified by {c.verification.join(', ')}
        </p>
        <p>
          <strong>HIPAA:</strong> {c.hipaaCitation.length ? citationText(c) : 'the guide gives no citation'}
        </p>
        <p>
          <strong>Remediation:</strong> {c.remediation}
        </p>
        <p class="muted">Source: {c.reference}</p>
      </section>
      <h2>Every resource, every account</h2>
      <FilterForm action={`/controls/${c.id}`} filter={props.filter} hide={['control']} />
      <Pager path={`/controls/${c.id}`} params={props.params} page={props.page} total={props.total} />
      <FindingsTable rows={props.rows} />
      {props.historyRuns.length > 1 ? (
        <>
          <h2>History over the last {props.historyRuns.length} runs</h2>
          <table>
            <thead>
              <tr>
                <th>Account</th>
                <th>Resource</th>
                {props.historyRuns.map((r) => (
                  <th title={r.runId}>{when(r.startedAt).slice(5, 16)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => {
                const byRun = props.history.get(`${row.account}\u0000${row.resource_sid}`);
                return (
                  <tr>
                    <td class="mono">{row.account}</td>
                    <td class="mono">{row.resource_sid}</td>
                    {props.historyRuns.map((r) => {
                      const s = byRun?.get(r.runId);
                      return <td>{s ? <StatusPill status={s} /> : <span class="muted">—</span>}</td>;
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </Layout>
  );
}
