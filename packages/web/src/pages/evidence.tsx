/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { CheckpointView, GuardDay } from '../data/evidence.ts';
import { CSRF_FIELD } from '../http/csrf.ts';
import { Layout, type PageContext } from './layout.tsx';
import { when } from './parts.tsx';
import { GuardChart, seriesOrder } from './guard-chart.tsx';

export interface VerificationView {
  at: string;
  ok: boolean;
  /** One line from the ledger's verifier (the first bad entry or checkpoint when not ok). */
  summary: string;
  running?: boolean;
}

export function EvidencePage(props: {
  ctx: PageContext;
  size: number;
  checkpoint?: CheckpointView;
  verification?: VerificationView;
  canVerify: boolean;
  /** Why no export can be downloaded (no signed checkpoint yet, ...), when it cannot. */
  exportProblem?: string;
  exportAvailable: boolean;
  oscalAvailable: boolean;
  guard: GuardDay[];
  /** The chart's days, oldest first. */
  days: string[];
}) {
  const events = seriesOrder(props.guard.map((g) => g.series));
  const days = [...new Set(props.guard.map((g) => g.day))].sort();
  const count = (day: string, series: string) => props.guard.find((g) => g.day === day && g.series === series)?.count ?? 0;
  const v = props.verification;
  return (
    <Layout ctx={props.ctx} title="Evidence">
      <h1>Evidence</h1>
      <div class="grid">
        <section class="card" id="verification">
          <h2>Verification</h2>
          <p>The ledger holds {props.size.toLocaleString('en-US')} entries.</p>
          {v ? (
            v.running ? (
              <p>Verification started {when(v.at)} is running; reload to see the result.</p>
            ) : (
              <p class={v.ok ? 'ok' : 'bad'}>
                {v.ok ? 'Intact' : 'Not intact'}: {v.summary} (checked {when(v.at)})
              </p>
            )
          ) : (
            <p class="muted">Not verified since the dashboard started.</p>
          )}
          {props.canVerify ? (
            <form method="post" action="/evidence/verify">
              <input type="hidden" name={CSRF_FIELD} value={props.ctx.session?.csrfToken ?? ''} />
              <button type="submit">Verify now</button>
            </form>
          ) : null}
          <p class="hint">
            The same check as <code>chaperone ledger verify</code>: every entry's hash, the tree heads and every checkpoint signature.
          </p>
        </section>
        <section class="card" id="checkpoint">
          <h2>Latest checkpoint</h2>
          {props.checkpoint ? (
            <>
              <p>
                Signed at {when(props.checkpoint.createdAt)} over the first {props.checkpoint.size.toLocaleString('en-US')} entries. Keep a copy outside this system: it is what makes a
                rewrite of the whole history detectable.
              </p>
              <pre class="mono">{props.checkpoint.note}</pre>
            </>
          ) : (
            <p class="muted">No checkpoint yet (one is signed after each scan once `chaperone ledger init` has made the key).</p>
          )}
        </section>
        <section class="card" id="downloads">
          <h2>For an auditor</h2>
          {props.exportProblem ? (
            <p class="muted">{props.exportProblem}</p>
          ) : (
            <ul>
              {props.exportAvailable ? (
                <li>
                  <a href="/evidence/export.json" download>
                    Download the export bundle
                  </a>{' '}
                  (every entry, every checkpoint, the public key and an inclusion proof of each finding: what <code>chaperone ledger export</code> writes).
                </li>
              ) : null}
              {props.oscalAvailable ? (
                <li>
                  <a href="/evidence/oscal.json" download>
                    Download the OSCAL assessment results
                  </a>{' '}
                  (the latest runs as an OSCAL <code>assessment-results</code> document).
                </li>
              ) : null}
            </ul>
          )}
        </section>
      </div>
      <h2>Guard decisions, last 30 days</h2>
      {days.length === 0 ? (
        <p class="muted">The guard recorded no decision in this ledger in the last 30 days (an app records them with <code>ledgerSink(ledger)</code> from @chaperone/ledger).</p>
      ) : (
        <>
        <GuardChart guard={props.guard} days={props.days} />
        <table id="guard-days">
          <thead>
            <tr>
              <th>Day</th>
              {events.map((e) => (
                <th class="num">{e}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <td>{d}</td>
                {events.map((e) => (
                  <td class="num">{count(d, e)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        </>
      )}
    </Layout>
  );
}
