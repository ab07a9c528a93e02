/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { controls as catalog } from '@chaperone/controls';
import type { DecisionState } from '../data/decisions.ts';
import { CSRF_FIELD } from '../http/csrf.ts';
import { Layout, type PageContext } from './layout.tsx';

export interface AppliedEntry {
  kind: string;
  control: string;
  accounts: string | null;
  resources: string | null;
  by: string | null;
  reason: string | null;
  expires: string;
  findings: number;
}

const STATE_ORDER: Record<DecisionState['state'], number> = { expiring: 0, active: 1, expired: 2, revoked: 3 };

function Hidden(props: { token: string; s: DecisionState; action: string }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={props.token} />
      <input type="hidden" name="action" value={props.action} />
      <input type="hidden" name="entry" value={props.s.entry} />
      <input type="hidden" name="control" value={props.s.control} />
      <input type="hidden" name="account" value={props.s.account ?? ''} />
      <input type="hidden" name="resource" value={props.s.resource ?? ''} />
    </>
  );
}

export function AttestationsPage(props: {
  ctx: PageContext;
  states: DecisionState[];
  applied: AppliedEntry[];
  appliedRun?: string;
  canWrite: boolean;
  /** Why the signed-in user cannot record (role, or a ledger the dashboard cannot write). */
  readOnlyReason?: string;
  error?: string;
  notice?: string;
  form?: Record<string, string>;
}) {
  const token = props.ctx.session?.csrfToken ?? '';
  const states = [...props.states].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.expires ?? '').localeCompare(b.expires ?? '') || a.control.localeCompare(b.control));
  const f = props.form ?? {};
  const attestable = catalog.filter((c) => c.verification.includes('attest') || c.attestSettlesFail);
  return (
    <Layout ctx={props.ctx} title="Attestations and mutes">
      <h1>Attestations and mutes</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        Recorded here, each decision is an entry of the ledger. <a href="/attestations/export.yaml">Export those in force as chaperone.yaml</a> so scans and CI apply them.
      </p>
      <h2>Recorded in the dashboard</h2>
      {states.length === 0 ? <p class="muted">None yet.</p> : null}
      {states.length ? (
        <table>
          <thead>
            <tr>
              <th>State</th>
              <th>Kind</th>
              <th>Control</th>
              <th>Account</th>
              <th>Resource</th>
              <th>By</th>
              <th>Reason</th>
              <th>Until</th>
              {props.canWrite ? <th>Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {states.map((s) => (
              <tr>
                <td class={s.state === 'active' ? 'ok' : s.state === 'revoked' ? 'muted' : 'bad'}>{s.state === 'expiring' ? 'expiring soon' : s.state}</td>
                <td>{s.entry}</td>
                <td>
                  <a href={`/controls/${s.control}`}>{s.control}</a>
                </td>
                <td class="mono">{s.account ?? 'every account'}</td>
                <td class="mono">{s.resource ?? 'every resource'}</td>
                <td>{s.by}</td>
                <td>{s.reason}</td>
                <td>{s.expires ?? '—'}</td>
                {props.canWrite ? (
                  <td>
                    {s.state !== 'revoked' ? (
                      <>
                        <form method="post" action="/attestations" class="inline">
                          <Hidden token={token} s={s} action="renew" />
                          <input type="date" name="expires" aria-label={`New expiry of ${s.entry} ${s.control}`} required />
                          <input type="text" name="reason" aria-label={`Reason to renew ${s.entry} ${s.control}`} placeholder="reason" required />
                          <button type="submit">Renew</button>
                        </form>
                        <form method="post" action="/attestations" class="inline">
                          <Hidden token={token} s={s} action="revoke" />
                          <input type="text" name="reason" aria-label={`Reason to revoke ${s.entry} ${s.control}`} placeholder="reason" required />
                          <button type="submit">Revoke</button>
                        </form>
                      </>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.canWrite ? (
        <section class="card">
          <h2>Record an attestation or a mute</h2>
          <form method="post" action="/attestations" class="filters">
            <input type="hidden" name={CSRF_FIELD} value={token} />
            <input type="hidden" name="action" value="record" />
            <label>
              Kind
              <select name="entry">
                <option value="attestation" selected={f.entry !== 'mute'}>
                  attestation
                </option>
                <option value="mute" selected={f.entry === 'mute'}>
                  mute
                </option>
              </select>
            </label>
            <label>
              Control
              <input type="text" name="control" list="attestable" value={f.control ?? ''} required size={22} />
            </label>
            <datalist id="attestable">
              {attestable.map((c) => (
                <option value={c.id}>{c.summary}</option>
              ))}
            </datalist>
            <label>
              Account (empty: every account)
              <input type="text" name="account" value={f.account ?? ''} size={36} />
            </label>
            <label>
              Resource (mute: SID or *)
              <input type="text" name="resource" value={f.resource ?? ''} size={36} />
            </label>
            <label>
              Until
              <input type="date" name="expires" value={f.expires ?? ''} required />
            </label>
            <label>
              Reason
              <input type="text" name="reason" value={f.reason && !props.error?.includes('personal details') ? f.reason : ''} required size={50} />
            </label>
            <button type="submit" class="primary">
              Record
            </button>
          </form>
          <p class="hint">The reason is checked for PHI and refused if it holds any. Your user name is recorded as who decided.</p>
        </section>
      ) : (
        <p class="muted">{props.readOnlyReason ?? 'Recording, renewing and revoking needs the attester role.'}</p>
      )}
      <h2>As applied by the latest scan (from chaperone.yaml)</h2>
      {props.applied.length === 0 ? <p class="muted">The latest run applied no attestation or mute.</p> : null}
      {props.applied.length ? (
        <table>
          <thead>
            <tr>
              <th>Kind</th>
              <th>Control</th>
              <th>Accounts</th>
              <th>Resources</th>
              <th>By</th>
              <th>Reason</th>
              <th>Until</th>
              <th class="num">Findings settled</th>
            </tr>
          </thead>
          <tbody>
            {props.applied.map((a) => (
              <tr>
                <td>{a.kind}</td>
                <td>
                  <a href={`/controls/${a.control}`}>{a.control}</a>
                </td>
                <td class="mono">{a.accounts ? (JSON.parse(a.accounts) as string[]).join(', ') : 'every account'}</td>
                <td class="mono">{a.resources ? (JSON.parse(a.resources) as string[]).join(', ') : 'every resource'}</td>
                <td>{a.by ?? ''}</td>
                <td>{a.reason ?? ''}</td>
                <td>{a.expires}</td>
                <td class="num">{a.findings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.appliedRun ? <p class="muted">Run {props.appliedRun}.</p> : null}
    </Layout>
  );
}
