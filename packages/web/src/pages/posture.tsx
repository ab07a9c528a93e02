/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Drift } from '../data/drift.ts';
import type { AccountPosture, Posture } from '../data/posture.ts';
import { STATUS_ORDER } from '../data/statuses.ts';
import { Layout, type PageContext } from './layout.tsx';
import { AccountsTable, CountsList, EmptyLedger, StatusPill, when } from './parts.tsx';
import { TrendChart } from './trend-chart.tsx';
import { progressPoll } from './progress.tsx';
import type { Child } from 'hono/jsx';

const WORST_ACCOUNTS = 20;

export function worstFirst(accounts: readonly AccountPosture[]): AccountPosture[] {
  return [...accounts].sort((a, b) => {
    for (const s of STATUS_ORDER.slice(0, 3)) if (a.counts[s] !== b.counts[s]) return b.counts[s] - a.counts[s];
    return a.account.localeCompare(b.account);
  });
}

function DriftSection(props: { drift: Drift | undefined }) {
  const d = props.drift;
  if (!d) return <p class="muted">Drift shows once the ledger holds two complete runs.</p>;
  return (
    <section class="card" id="drift">
      <p>
        From run <code>{d.fromRun}</code> to run <code>{d.toRun}</code>: <strong>{d.counts.new}</strong> new, <strong>{d.counts.resolved}</strong> resolved,{' '}
        <strong>{d.counts.changed}</strong> changed, <strong>{d.counts.unknown}</strong> now unknown (counted apart, never as resolved).
      </p>
      {d.items.length ? (
        <table>
          <thead>
            <tr>
              <th>Change</th>
              <th>Control</th>
              <th>Account</th>
              <th>Resource</th>
              <th>Before</th>
              <th>Now</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((i) => (
              <tr>
                <td>{i.kind}</td>
                <td>
                  <a href={`/controls/${i.control}`}>{i.control}</a>
                </td>
                <td>
                  <a href={`/accounts/${i.account}`} class="mono">
                    {i.account}
                  </a>
                </td>
                <td class="mono">{i.resource}</td>
                <td>{i.from ? <StatusPill status={i.from.status} /> : '—'}</td>
                <td>{i.to ? <StatusPill status={i.to.status} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {d.items.length < d.counts.new + d.counts.resolved + d.counts.changed + d.counts.unknown ? <p class="muted">The first {d.items.length} changes, worst first.</p> : null}
    </section>
  );
}

export function PosturePage(props: { ctx: PageContext; posture: Posture; drift: Drift | undefined; progress?: Child }) {
  const { posture } = props;
  const progress = (
    <>
      {props.progress}
      {props.progress ? progressPoll(props.ctx.nonce) : null}
    </>
  );
  if (posture.accounts.length === 0) {
    return (
      <Layout ctx={props.ctx} title="Posture">
        <h1>Posture</h1>
        {progress}
        <EmptyLedger />
      </Layout>
    );
  }
  const latestRun = posture.runs[posture.runs.length - 1];
  const neverComplete = posture.accounts.filter((a) => !a.complete).length;
  const olderShown = posture.accounts.filter((a) => a.newerIncomplete).length;
  const worst = worstFirst(posture.accounts).slice(0, WORST_ACCOUNTS);
  return (
    <Layout ctx={props.ctx} title="Posture">
      <h1>Posture</h1>
      <p class="muted">
        {posture.accounts.length.toLocaleString('en-US')} account{posture.accounts.length === 1 ? '' : 's'}, each at its latest complete run; {posture.runs.length} run
        {posture.runs.length === 1 ? '' : 's'} recorded, the latest started {when(latestRun?.startedAt)}. {posture.failingControls} control
        {posture.failingControls === 1 ? '' : 's'} failing.
      </p>
      {progress}
      {neverComplete || olderShown ? (
        <p class="error" role="status">
          {neverComplete ? `${neverComplete} account(s) were never collected completely: their latest, incomplete run is shown. ` : ''}
          {olderShown ? `${olderShown} account(s) were not collected completely by their latest run: their last complete run is shown.` : ''}
        </p>
      ) : null}
      <h2>Findings by status</h2>
      <CountsList counts={posture.totals} />
      <h2>Trend</h2>
      <TrendChart points={posture.trend.slice(-100)} />
      <h2>Drift since the previous run</h2>
      <DriftSection drift={props.drift} />
      <h2>Accounts, worst first</h2>
      <AccountsTable accounts={worst} />
      {posture.accounts.length > worst.length ? (
        <p>
          <a href="/accounts">All {posture.accounts.length.toLocaleString('en-US')} accounts</a>
        </p>
      ) : null}
    </Layout>
  );
}
