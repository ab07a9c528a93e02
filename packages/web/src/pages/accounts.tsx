/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { FindingFilter, FindingRow } from '../data/findings.ts';
import type { AccountPosture } from '../data/posture.ts';
import { Layout, type PageContext } from './layout.tsx';
import { FilterForm, FindingsTable, Pager, PAGE_SIZE } from './findings.tsx';
import { AccountsTable, CountsList, href, when } from './parts.tsx';

export function AccountsPage(props: { ctx: PageContext; accounts: AccountPosture[]; page: number; q?: string }) {
  const pages = Math.max(1, Math.ceil(props.accounts.length / PAGE_SIZE));
  const shown = props.accounts.slice((props.page - 1) * PAGE_SIZE, props.page * PAGE_SIZE);
  return (
    <Layout ctx={props.ctx} title="Accounts">
      <h1>Accounts</h1>
      <form class="filters" method="get" action="/accounts">
        <label>
          Account SID or id
          <input type="text" name="q" value={props.q ?? ''} size={36} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <p class="pager">
        <span>
          {props.accounts.length.toLocaleString('en-US')} accounts, worst first · page {props.page} of {pages}
        </span>
        {props.page > 1 ? <a href={href('/accounts', { q: props.q, page: props.page - 1 })}>Previous</a> : null}
        {props.page < pages ? <a href={href('/accounts', { q: props.q, page: props.page + 1 })}>Next</a> : null}
      </p>
      <AccountsTable accounts={shown} />
    </Layout>
  );
}

export function AccountPage(props: {
  ctx: PageContext;
  account: AccountPosture;
  filter: FindingFilter;
  rows: FindingRow[];
  total: number;
  page: number;
  params: Record<string, string | undefined>;
}) {
  const a = props.account;
  return (
    <Layout ctx={props.ctx} title={a.account}>
      <h1>
        <span class="mono">{a.account}</span> <span class="muted">· {a.platform}</span>
      </h1>
      <p class="muted">
        Shown from run <code>{a.runId}</code>, started {when(a.startedAt)}
        {a.complete ? '' : ', which did not collect this account completely'}
        {a.newerIncomplete ? '; a later run did not collect it completely' : ''}.
      </p>
      <CountsList counts={a.counts} link={(s) => href(`/accounts/${a.account}`, { status: s })} />
      <h2>Findings</h2>
      <FilterForm action={`/accounts/${a.account}`} filter={props.filter} hide={['account']} />
      <Pager path={`/accounts/${a.account}`} params={props.params} page={props.page} total={props.total} />
      <FindingsTable rows={props.rows} showAccount={false} />
    </Layout>
  );
}
