/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The evidence page: the ledger's size and latest signed checkpoint, verification on demand
// (the ledger's own verifier, run in the background: a million entries take a while), the
// export bundle when the ledger can write one, and the guard's decisions per day.
import type { DashboardApp, DashboardDeps } from './app.tsx';
import type { DashboardDb } from './db/types.ts';
import { guardDecisionsByDay, latestCheckpointView, ledgerSize } from './data/evidence.ts';
import { EvidencePage, type VerificationView } from './pages/evidence.tsx';

export interface EvidenceHooks {
  /** The ledger's verifier: ok, and one line (the first bad entry or checkpoint otherwise). */
  verify?: () => Promise<{ ok: boolean; summary: string }>;
  /** The ledger's export bundle as JSON text. */
  exportBundle?: () => Promise<string>;
}

export function evidenceRoutes(db: DashboardDb, hooks: EvidenceHooks) {
  return (app: DashboardApp, deps: DashboardDeps) => {
    let verification: VerificationView | undefined;

    app.get('/evidence', async (c) => {
      const [size, checkpoint, guard] = await Promise.all([ledgerSize(db), latestCheckpointView(db), guardDecisionsByDay(db, deps.clock.now())]);
      return c.html(
        <EvidencePage ctx={deps.pageContext(c)} size={size} checkpoint={checkpoint} verification={verification} canVerify={Boolean(hooks.verify)} exportAvailable={Boolean(hooks.exportBundle)} guard={guard} />,
      );
    });

    app.post('/evidence/verify', (c) => {
      const verify = hooks.verify;
      if (!verify) return c.text('This dashboard cannot verify the ledger.', 503);
      if (!verification?.running) {
        const at = new Date(deps.clock.now()).toISOString();
        verification = { at, ok: false, summary: '', running: true };
        void verify().then(
          (r) => (verification = { at, ok: r.ok, summary: r.summary }),
          (error: unknown) => (verification = { at, ok: false, summary: `verification could not run (${(error as Error).name})` }),
        );
      }
      return c.redirect('/evidence', 303);
    });

    app.get('/evidence/export.json', async (c) => {
      if (!hooks.exportBundle) return c.text('This ledger offers no export bundle here; use `chaperone ledger export`.', 404);
      c.header('Content-Type', 'application/json');
      c.header('Content-Disposition', 'attachment; filename="chaperone-ledger-export.json"');
      return c.body(await hooks.exportBundle());
    });
  };
}
