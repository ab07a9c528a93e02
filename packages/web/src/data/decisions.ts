// Attestations and mutes recorded in the dashboard. Each decision (record, renew, revoke) is
// appended to the ledger as an entry of its own, then kept in the dashboard's projection
// (web_decision) to list them; the current state of an attestation or mute is its latest
// decision. Exported to chaperone.yaml, they settle findings in the next scan, CI included.
import { detectPhi } from '@chaperone/phi';
import { getControl } from '@chaperone/controls';
import { stringify } from 'yaml';
import type { DashboardDecisionEntry } from '@chaperone/ledger';
import type { DashboardDb } from '../db/types.ts';

export const DECISION_KIND: DashboardDecisionEntry['kind'] = 'dashboard.decision';
/** The scanner's default `muteMaxDays`: a longer mute would not count. */
export const MUTE_MAX_DAYS = 365;
export const REASON_MAX = 500;
export const EXPIRING_SOON_DAYS = 30;

export type DecisionAction = 'record' | 'renew' | 'revoke';
export type DecisionEntry = 'attestation' | 'mute';

/** What the dashboard appends to the ledger (the ledger adds v, seq and at). */
export type DecisionBody = DashboardDecisionEntry;

/** Appends decisions to the ledger; returns where the entry landed. */
export type DecisionWriter = (body: DecisionBody) => Promise<{ seq: number; at: string }>;

/** An attestation or mute as its latest decision left it (that decision's fields, less the action). */
export interface DecisionState extends Omit<DecisionBody, 'kind' | 'action'> {
  key: string;
  state: 'active' | 'expiring' | 'expired' | 'revoked';
  /** Ledger seq of the latest decision. */
  seq: number;
  history: { seq: number; at: string; action: DecisionAction; by: string }[];
}

export class DecisionInputError extends Error {
  override name = 'DecisionInputError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACCOUNT = /^[A-Za-z0-9_-]{1,64}$/;
const RESOURCE = /^(\*|[A-Za-z0-9_.:-]{1,64})$/;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isRealDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export function decisionKey(d: Pick<DecisionBody, 'entry' | 'control' | 'account' | 'resource'>): string {
  return [d.entry, d.control, d.account ?? '*', d.resource ?? '*'].join('|');
}

/** Why a reason cannot be stored, naming the kinds of identifier found (never the text). */
export function reasonProblem(reason: string): string | undefined {
  if (!reason.trim()) return 'Give a reason.';
  if (reason.length > REASON_MAX) return `The reason is longer than ${REASON_MAX} characters.`;
  const types = [...new Set(detectPhi(reason).map((h) => h.type))];
  if (types.length) {
    return `The reason was refused: it seems to hold personal details (${types.join(', ')}). Write it without names, numbers or dates of a person; who recorded it is kept from your sign-in.`;
  }
  return undefined;
}

export interface DecisionForm {
  action: string;
  entry: string;
  control: string;
  account?: string;
  resource?: string;
  reason: string;
  expires?: string;
}

/** Checks a submitted form against the catalog, the dates and the PHI detector; returns the body to append. */
export function validateDecision(form: DecisionForm, by: string, now: number, current: Map<string, DecisionState>): DecisionBody {
  const action = form.action as DecisionAction;
  if (!['record', 'renew', 'revoke'].includes(action)) throw new DecisionInputError('Choose record, renew or revoke.');
  const entry = form.entry as DecisionEntry;
  if (entry !== 'attestation' && entry !== 'mute') throw new DecisionInputError('Choose attestation or mute.');
  let control;
  try {
    control = getControl(form.control.trim());
  } catch {
    throw new DecisionInputError('Pick a control id from the catalog (see Controls).');
  }
  if (entry === 'attestation' && !control.verification.includes('attest') && !control.attestSettlesFail) {
    throw new DecisionInputError(`${control.id} is verified by the scan, not by a person: it cannot be attested (a mute can accept its finding for a while).`);
  }
  const account = form.account?.trim() || undefined;
  if (account && !ACCOUNT.test(account)) throw new DecisionInputError('The account must be an account SID or workspace id (letters, digits, _ and -).');
  const resource = form.resource?.trim() || (entry === 'mute' ? '' : undefined);
  if (entry === 'mute' && !resource) throw new DecisionInputError('A mute names its resource SID, or * for every resource of the control.');
  if (resource && !RESOURCE.test(resource)) throw new DecisionInputError('The resource must be a resource SID or *.');
  const problem = reasonProblem(form.reason);
  if (problem) throw new DecisionInputError(problem);
  const today = day(now);
  const body: DecisionBody = { kind: DECISION_KIND, action, entry, control: control.id, by, reason: form.reason.trim(), date: today };
  if (account) body.account = account;
  if (resource) body.resource = resource;
  const existing = current.get(decisionKey(body));
  if (action !== 'record' && (!existing || existing.state === 'revoked')) throw new DecisionInputError(`There is no ${entry} of ${control.id} for that account and resource to ${action}.`);
  if (action !== 'revoke') {
    const expires = form.expires?.trim() ?? '';
    if (!isRealDate(expires)) throw new DecisionInputError('Give the last day it counts as YYYY-MM-DD.');
    if (expires < today) throw new DecisionInputError('The expiry date is in the past.');
    const max = day(now + MUTE_MAX_DAYS * 86_400_000);
    if (entry === 'mute' && expires > max) throw new DecisionInputError(`A mute may last ${MUTE_MAX_DAYS} days at most (until ${max}); a longer one would not count in the scan.`);
    body.expires = expires;
  }
  return body;
}

/** Every decision the dashboard recorded, folded into the current state per attestation or mute. */
export async function decisionStates(db: DashboardDb, now: number): Promise<Map<string, DecisionState>> {
  const rows = await db.selectFrom('web_decision').select(['seq', 'at', 'body']).orderBy('seq').execute();
  const today = day(now);
  const soon = day(now + EXPIRING_SOON_DAYS * 86_400_000);
  const states = new Map<string, DecisionState>();
  for (const row of rows) {
    const d = JSON.parse(row.body) as DecisionBody;
    const key = decisionKey(d);
    const history = states.get(key)?.history ?? [];
    history.push({ seq: Number(row.seq), at: row.at, action: d.action, by: d.by });
    const base = d.action === 'revoke' ? states.get(key) : undefined;
    states.set(key, {
      key,
      entry: d.entry,
      control: d.control,
      account: d.account,
      resource: d.resource,
      by: d.by,
      reason: d.reason,
      date: d.date,
      expires: d.action === 'revoke' ? base?.expires : d.expires,
      state: 'active',
      seq: Number(row.seq),
      history,
    });
    if (d.action === 'revoke') states.get(key)!.state = 'revoked';
  }
  for (const s of states.values()) {
    if (s.state === 'revoked' || !s.expires) continue;
    s.state = s.expires < today ? 'expired' : s.expires <= soon ? 'expiring' : 'active';
  }
  return states;
}

/** Appends a decision through the ledger, then keeps it in the dashboard's projection. */
export async function recordDecision(db: DashboardDb, write: DecisionWriter, body: DecisionBody): Promise<number> {
  const { seq, at } = await write(body);
  await db.insertInto('web_decision').values({ seq, at, body: JSON.stringify(body) }).onConflict((oc) => oc.column('seq').doNothing()).execute();
  return seq;
}

/** The attestations and mutes in force, as chaperone.yaml lists them. */
export function exportYaml(states: Iterable<DecisionState>, generatedAt: string): string {
  const attestations: Record<string, unknown>[] = [];
  const mutes: Record<string, unknown>[] = [];
  for (const s of states) {
    if (s.state !== 'active' && s.state !== 'expiring') continue;
    if (s.entry === 'attestation') {
      attestations.push({
        control: s.control,
        by: s.by,
        date: s.date,
        expires: s.expires,
        note: s.reason,
        ...(s.account ? { accounts: [s.account] } : {}),
        ...(s.resource ? { resources: [s.resource] } : {}),
      });
    } else {
      mutes.push({ control: s.control, resource: s.resource, ...(s.account ? { account: s.account } : {}), reason: s.reason, date: s.date, expires: s.expires });
    }
  }
  const header = `# Attestations and mutes recorded in the Chaperone dashboard, in force on ${generatedAt.slice(0, 10)}.\n# Merge these lists into chaperone.yaml so scans (and CI) apply them.\n`;
  return header + stringify({ attestations, mutes });
}
