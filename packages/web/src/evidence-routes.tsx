/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The evidence page: the ledger's size and latest signed checkpoint, verification on demand
// (the ledger's own verifier, run in the background: a million entries take a while), the
// export bundle and the OSCAL document as downloads, and the guard's decisions per day.
import { PassThrough, Readable, type Writable } from 'node:stream';
import type { Context } from 'hono';
import { LedgerError } from '@chaperone/ledger';
import type { DashboardApp, DashboardDeps, DashboardEnv } from './app.tsx';
import type { DashboardDb } from './db/types.ts';
import { guardDecisionsByDay, latestCheckpointView, ledgerSize } from './data/evidence.ts';
import { EvidencePage, type VerificationView } from './pages/evidence.tsx';
import { dayWindow } from './pages/guard-chart.tsx';

const GUARD_DAYS = 30;

export interface EvidenceHooks {
  /** The ledger's verifier: ok, and one line (the first bad entry or checkpoint otherwise). */
  verify?: () => Promise<{ ok: boolean; summary: string }>;
  /** Why no download can be written now (e.g. no signed checkpoint yet); undefined when one can. */
  exportProblem?: () => Promise<string | undefined>;
  /** Streams the ledger's export bundle (JSON) into `out`; does not end it. */
  writeBundle?: (out: Writable) => Promise<unknown>;
  /** The OSCAL assessment-results document of the latest complete run (JSON text); throws a one-line LedgerError when there is none. */
  oscal?: () => Promise<string>;
}

/** Sends what `write` streams as an attachment; a failure half-way cuts the response (never a partial file that looks whole). */
function download(c: Context<DashboardEnv>, filename: string, write: (out: Writable) => Promise<unknown>, log: (line: string) => void): Response {
  const out = new PassThrough();
  write(out).then(
    () => out.end(),
    (error: unknown) => {
      log(`dashboard: ${filename} failed half-way (${(error as Error).name})`);
      out.destroy(error as Error);
    },
  );
  c.header('Content-Type', 'application/json');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>);
}

export function evidenceRoutes(db: DashboardDb, hooks: EvidenceHooks, log: (line: string) => void = () => undefined) {
  return (app: DashboardApp, deps: DashboardDeps) => {
    let verification: VerificationView | undefined;

    app.get('/evidence', async (c) => {
      const now = deps.clock.now();
      const [size, checkpoint, guard, exportProblem] = await Promise.all([
        ledgerSize(db),
        latestCheckpointView(db),
        guardDecisionsByDay(db, now, GUARD_DAYS),
        hooks.exportProblem?.() ?? Promise.resolve(undefined),
      ]);
      return c.html(
        <EvidencePage
          ctx={deps.pageContext(c)}
          size={size}
          checkpoint={checkpoint}
          verification={verification}
          canVerify={Boolean(hooks.verify)}
          exportProblem={hooks.writeBundle || hooks.oscal ? exportProblem : 'This dashboard offers no download; use `chaperone ledger export`.'}
          exportAvailable={Boolean(hooks.writeBundle)}
          oscalAvailable={Boolean(hooks.oscal)}
          guard={guard}
          days={dayWindow(now, GUARD_DAYS)}
        />,
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
      return c.redirect('/evidence#verification', 303);
    });

    const offer = (path: string, filename: string, pick: () => EvidenceHooks['writeBundle']) =>
      app.get(path, async (c) => {
        const write = pick();
        if (!write) return c.text('This dashboard offers no such download; use `chaperone ledger export`.', 404);
        const problem = await hooks.exportProblem?.();
        if (problem) return c.text(problem, 409);
        return download(c, filename, write, log);
      });
    offer('/evidence/export.json', 'chaperone-ledger-export.json', () => hooks.writeBundle);

    // Built whole before the answer starts (the document is one object), so a ledger with no
    // complete run gets its one line instead of a broken download.
    app.get('/evidence/oscal.json', async (c) => {
      if (!hooks.oscal) return c.text('This dashboard offers no such download; use `chaperone ledger export --format oscal`.', 404);
      const problem = await hooks.exportProblem?.();
      if (problem) return c.text(problem, 409);
      let text: string;
      try {
        text = await hooks.oscal();
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        return c.text(error.message.split('\n')[0]!, 409);
      }
      c.header('Content-Type', 'application/json');
      c.header('Content-Disposition', 'attachment; filename="chaperone-assessment-results.json"');
      return c.body(text);
    });
  };
}
