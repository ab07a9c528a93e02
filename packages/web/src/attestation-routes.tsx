/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The attestation and mute workflow: everyone signed in sees them; the attester role records,
// renews and revokes, each decision appended to the ledger; the export is chaperone.yaml.
import type { DashboardApp, DashboardDeps } from './app.tsx';
import type { DashboardDb } from './db/types.ts';
import { DecisionInputError, decisionStates, exportYaml, recordDecision, validateDecision, type DecisionWriter } from './data/decisions.ts';
import { AttestationsPage, type AppliedEntry } from './pages/attestations.tsx';
import { roleAllows } from './auth/users.ts';
import type { Context } from 'hono';
import type { DashboardEnv } from './app.tsx';

async function latestApplied(db: DashboardDb): Promise<{ run?: string; applied: AppliedEntry[] }> {
  const run = await db.selectFrom('scan_run').select('run_id').where('state', '!=', 'running').orderBy('start_seq', 'desc').limit(1).executeTakeFirst();
  if (!run) return { applied: [] };
  const applied = await db
    .selectFrom('applied_config')
    .select(['kind', 'control', 'accounts', 'resources', 'by', 'reason', 'expires', 'findings'])
    .where('run_id', '=', run.run_id)
    .orderBy('seq')
    .execute();
  return { run: run.run_id, applied: applied.map((a) => ({ ...a, findings: Number(a.findings) })) };
}

export function attestationRoutes(db: DashboardDb, write: DecisionWriter | undefined) {
  return (app: DashboardApp, deps: DashboardDeps) => {
    const render = async (c: Context<DashboardEnv>, extra: { error?: string; notice?: string; form?: Record<string, string> } = {}) => {
      const states = await decisionStates(db, deps.clock.now());
      const { run, applied } = await latestApplied(db);
      const canWrite = Boolean(write) && roleAllows(c.get('session').role, 'attester');
      const readOnlyReason = write ? undefined : 'This dashboard was started without write access to the ledger: decisions are shown, not recorded.';
      return c.html(<AttestationsPage ctx={deps.pageContext(c)} states={[...states.values()]} applied={applied} appliedRun={run} canWrite={canWrite} readOnlyReason={readOnlyReason} {...extra} />);
    };

    app.get('/attestations', (c) => render(c, { notice: c.req.query('recorded') ? 'Recorded in the ledger.' : undefined }));

    app.post('/attestations', async (c) => {
      const refused = deps.requireRole(c, 'attester');
      if (refused) return refused;
      if (!write) return c.text('This ledger cannot be written from the dashboard.', 503);
      const raw = await c.req.parseBody();
      const form = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      try {
        const body = validateDecision(
          { action: form.action ?? '', entry: form.entry ?? '', control: form.control ?? '', account: form.account, resource: form.resource, reason: form.reason ?? '', expires: form.expires },
          c.get('session').username,
          deps.clock.now(),
          await decisionStates(db, deps.clock.now()),
        );
        await recordDecision(db, write, body);
        return c.redirect('/attestations?recorded=1', 303);
      } catch (error) {
        if (!(error instanceof DecisionInputError)) throw error;
        c.status(400);
        return render(c, { error: error.message, form });
      }
    });

    app.get('/attestations/export.yaml', async (c) => {
      const states = await decisionStates(db, deps.clock.now());
      c.header('Content-Type', 'text/yaml; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="chaperone.dashboard.yaml"');
      return c.body(exportYaml(states.values(), new Date(deps.clock.now()).toISOString()));
    });
  };
}
