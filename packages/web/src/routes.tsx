/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The pages over the ledger: posture, findings, controls, accounts. Every page reads the
// posture (cached in memory until a run is summarised) and queries findings as needed.
import type { Context } from 'hono';
import { controls as catalog, controlsFor, getControl } from '@chaperone/controls';
import type { DashboardApp, DashboardDeps } from './app.tsx';
import type { DashboardDb } from './db/types.ts';
import type { Ledger } from '@chaperone/ledger';
import { DriftCache } from './data/drift.ts';
import { controlHistory, countsByControl, parseFilter, queryFindings } from './data/findings.ts';
import { PostureCache, type Posture } from './data/posture.ts';
import { isStatus } from './data/statuses.ts';
import { summariseEndedRuns } from './data/summaries.ts';
import { AccountPage, AccountsPage } from './pages/accounts.tsx';
import { ControlPage, ControlsPage } from './pages/controls.tsx';
import { FindingsPage, PAGE_SIZE } from './pages/findings.tsx';
import { PosturePage, worstFirst } from './pages/posture.tsx';
import { runningRuns, type QueuedProgressSource } from './data/progress.ts';
import { PROGRESS_PATH, ProgressCard } from './pages/progress.tsx';

const HISTORY_RUNS = 10;

export interface LedgerPages {
  register(app: DashboardApp, deps: DashboardDeps): void;
  /** Summarises runs that ended since the last look (also done on each request). */
  refresh(): Promise<Posture>;
}

function pageNumber(c: Context): number {
  const n = Number(c.req.query('page') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

function params(c: Context): Record<string, string | undefined> {
  const q = c.req.query();
  const keep = ['status', 'severity', 'control', 'account', 'platform', 'product', 'q'];
  return Object.fromEntries(keep.filter((k) => q[k]).map((k) => [k, q[k]]));
}

export function ledgerPages(db: DashboardDb, ledger: Ledger, queued?: QueuedProgressSource): LedgerPages {
  const posture = new PostureCache(db);
  const drift = new DriftCache(db, ledger);
  const refresh = async () => {
    await summariseEndedRuns(db);
    return posture.get();
  };
  let controlCounts: { version: string; counts: Promise<Map<string, Record<string, number>>> } | undefined;

  const register = (app: DashboardApp, deps: DashboardDeps) => {
    app.get('/', async (c) => {
      const p = await refresh();
      const d = await drift.get();
      const now = deps.clock.now();
      const running = await runningRuns(db, now, queued);
      return c.html(<PosturePage ctx={deps.pageContext(c)} posture={p} drift={d} progress={<ProgressCard runs={running} now={now} />} />);
    });

    // The posture page's poll (sent with the background header: not activity).
    app.get(PROGRESS_PATH, async (c) => {
      const now = deps.clock.now();
      return c.html(<ProgressCard runs={await runningRuns(db, now, queued)} now={now} polled />);
    });

    app.get('/findings', async (c) => {
      const p = await refresh();
      const filter = parseFilter(c.req.query());
      const page = pageNumber(c);
      const { rows, total } = await queryFindings(db, p, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      return c.html(<FindingsPage ctx={deps.pageContext(c)} filter={filter} rows={rows} total={total} page={page} params={params(c)} />);
    });

    app.get('/controls', async (c) => {
      const p = await refresh();
      if (controlCounts?.version !== p.version) controlCounts = { version: p.version, counts: countsByControl(db, p) };
      const counts = await controlCounts.counts;
      const product = c.req.query('product')?.slice(0, 80);
      const q = c.req.query('q')?.trim().toLowerCase().slice(0, 80);
      const status = c.req.query('status');
      const list = (product ? controlsFor({ product }) : catalog).filter(
        (ctl) => (!q || `${ctl.id} ${ctl.summary} ${ctl.product}`.toLowerCase().includes(q)) && (!status || !isStatus(status) || (counts.get(ctl.id)?.[status] ?? 0) > 0),
      );
      return c.html(<ControlsPage ctx={deps.pageContext(c)} controls={list} counts={counts} product={product} q={q} status={status} />);
    });

    app.get('/controls/:id', async (c) => {
      const id = c.req.param('id');
      let control;
      try {
        control = getControl(id);
      } catch {
        return c.text(`No control ${id.replace(/[^A-Z0-9-]/gi, '').slice(0, 64)} in the catalog; see /controls for the list.`, 404);
      }
      const p = await refresh();
      const filter = { ...parseFilter(c.req.query()), control: control.id };
      const page = pageNumber(c);
      const { rows, total } = await queryFindings(db, p, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      const historyRuns = p.runs.slice(-HISTORY_RUNS);
      const history = await controlHistory(db, control.id, historyRuns.map((r) => r.runId));
      return c.html(
        <ControlPage ctx={deps.pageContext(c)} control={control} filter={filter} rows={rows} total={total} page={page} params={params(c)} historyRuns={historyRuns} history={history} />,
      );
    });

    app.get('/accounts', async (c) => {
      const p = await refresh();
      const q = c.req.query('q')?.trim().slice(0, 80);
      const list = worstFirst(q ? p.accounts.filter((a) => a.account.toLowerCase().includes(q.toLowerCase())) : p.accounts);
      return c.html(<AccountsPage ctx={deps.pageContext(c)} accounts={list} page={pageNumber(c)} q={q} />);
    });

    app.get('/accounts/:sid', async (c) => {
      const p = await refresh();
      const sid = c.req.param('sid');
      const account = p.accounts.find((a) => a.account === sid);
      if (!account) return c.text('No such account in the posture; see /accounts for the list.', 404);
      const filter = { ...parseFilter(c.req.query()), account: account.account, platform: account.platform };
      const page = pageNumber(c);
      const { rows, total } = await queryFindings(db, p, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      return c.html(<AccountPage ctx={deps.pageContext(c)} account={account} filter={filter} rows={rows} total={total} page={page} params={params(c)} />);
    });
  };
  return { register, refresh };
}
