// Applies chaperone.yaml to the checks' findings: attestations turn `manual` findings
// into `attested`, mutes turn `fail`, `advisory` or `manual` findings into `muted`. Expired entries stop counting
// and are reported so the summary can say what needs renewing. Pure: `now` comes in.
import type { CheckContext } from '../check.ts';
import type { Finding, ScanSummary } from '../types.ts';
import { getControl } from '@chaperone/controls';
import { DAY_MS, dayStart, hasBegun, isExpired } from './dates.ts';
import type { Attestation, ChaperoneConfig, Mute } from './types.ts';

const MUTABLE: ReadonlySet<Finding['status']> = new Set(['fail', 'advisory', 'manual']);

export interface AppliedConfig {
  findings: Finding[];
  expired: ScanSummary['expired'];
  /** One line per chaperone.yaml entry that counts for less than it seems, named by its place (`mutes[2] (TW-HTTPS)`), never by its values. */
  warnings: string[];
}

export interface ApplyOptions {
  /** Accounts and workspaces of this scan: an attestation naming another is reported. Absent: not checked. */
  accounts?: readonly string[];
}

export function applyConfig(findings: readonly Finding[], config: ChaperoneConfig, now: Date, options: ApplyOptions = {}): AppliedConfig {
  const applier = new ConfigApplier(config, now);
  const applied = applier.apply(findings);
  return { findings: applied, ...applier.finish(options) };
}

/**
 * chaperone.yaml applied batch by batch (a streaming scan hands it one account's findings
 * at a time); `finish()` then says which entries matched nothing over the whole run.
 */
export class ConfigApplier {
  readonly #warnings: string[] = [];
  readonly #attestations: { a: Attestation; i: number }[];
  readonly #mutes: { m: Mute; i: number }[];
  readonly #usedAttestations = new Set<number>();
  readonly #usedMutes = new Set<number>();

  constructor(
    readonly config: ChaperoneConfig,
    readonly now: Date,
  ) {
    const warnings = this.#warnings;
    this.#attestations = config.attestations
      .map((a, i) => ({ a, i }))
      .filter(({ a, i }) => {
        if (isExpired(a.expires, now)) return false;
        if (!hasBegun(a.date, now)) {
          warnings.push(`${this.#attestationAt(i)}: dated ${a.date}, in the future: it does not count until that day`);
          return false;
        }
        return true;
      });
    this.#mutes = config.mutes
      .map((m, i) => ({ m, i }))
      .filter(({ m, i }) => {
        if (isExpired(m.expires, now)) return false;
        const days = Math.round((dayStart(m.expires) - (m.date ? dayStart(m.date) : dayStart(now.toISOString().slice(0, 10)))) / DAY_MS);
        if (days > config.muteMaxDays) {
          warnings.push(`${this.#muteAt(i)}: lasts ${days} days, more than muteMaxDays (${config.muteMaxDays}): it does not count; set an earlier expires, or raise muteMaxDays`);
          return false;
        }
        if (m.resource === '*') warnings.push(`${this.#muteAt(i)}: resource "*" mutes the control on every resource${m.account ? ' of its account' : ' of every account'}`);
        return true;
      });
  }

  #attestationAt(i: number): string {
    return `attestations[${i}] (${this.config.attestations[i]!.control})`;
  }

  #muteAt(i: number): string {
    return `mutes[${i}] (${this.config.mutes[i]!.control})`;
  }

  apply(findings: readonly Finding[]): Finding[] {
    return findings.map((finding): Finding => {
      // Only `manual` can be attested (a person confirms what no API shows), and a `fail`
      // of a control whose alternative only a person can confirm (attestSettlesFail in the
      // catalog, e.g. SIP over Interconnect). A mute accepts a `fail`, an `advisory` (a
      // recommendation the team chose not to follow) or a `manual` review, with a reason and
      // an expiry; never `unknown`: the data was not collected, and muting it would turn
      // "we don't know" into silence.
      if (finding.status === 'manual' || (finding.status === 'fail' && getControl(finding.control).attestSettlesFail)) {
        const attestation = latest(this.#attestations.filter(({ a }) => covers(a, finding)));
        if (attestation) {
          this.#usedAttestations.add(attestation.i);
          return { ...finding, status: 'attested', note: attestedNote(attestation.a, finding.status === 'fail' ? getControl(finding.control).attestSettlesFail : undefined) };
        }
      }
      if (MUTABLE.has(finding.status)) {
        const mute = latest(this.#mutes.filter(({ m }) => matches(m, finding)));
        if (mute) {
          this.#usedMutes.add(mute.i);
          return { ...finding, status: 'muted', note: `muted until ${mute.m.expires}: ${mute.m.reason}` };
        }
      }
      return finding;
    });
  }

  /**
   * Findings an interrupted run already settled (`--resume`): the entries that settled them
   * count as used, and attested or muted ones get back the note the ledger keeps apart.
   */
  restore(findings: readonly Finding[]): Finding[] {
    return findings.map((finding): Finding => {
      if (finding.status === 'attested') {
        const attestation = latest(this.#attestations.filter(({ a }) => covers(a, finding)));
        if (attestation) {
          this.#usedAttestations.add(attestation.i);
          return { ...finding, note: attestedNote(attestation.a, getControl(finding.control).attestSettlesFail) };
        }
      }
      if (finding.status === 'muted') {
        const mute = latest(this.#mutes.filter(({ m }) => matches(m, finding)));
        if (mute) {
          this.#usedMutes.add(mute.i);
          return { ...finding, note: `muted until ${mute.m.expires}: ${mute.m.reason}` };
        }
      }
      return finding;
    });
  }

  /** After the last batch: the warnings of the whole run and the expired entries. */
  finish(options: ApplyOptions = {}): Omit<AppliedConfig, 'findings'> {
    const warnings = [...this.#warnings];
    const scanned = options.accounts ? new Set(options.accounts) : undefined;
    for (const { a, i } of this.#attestations) {
      (a.accounts ?? []).forEach((account, j) => {
        if (scanned && !scanned.has(account)) warnings.push(`${this.#attestationAt(i)}: accounts[${j}] is not an account of this scan`);
      });
    }
    for (const { i } of this.#attestations) if (!this.#usedAttestations.has(i)) warnings.push(`${this.#attestationAt(i)}: matches no finding of this scan that a person can settle`);
    for (const { i } of this.#mutes) if (!this.#usedMutes.has(i)) warnings.push(`${this.#muteAt(i)}: matches no failing, advisory or manual finding of this scan`);
    const { config, now } = this;
    const expired: ScanSummary['expired'] = [
      ...config.attestations.filter((a) => isExpired(a.expires, now)).map((a) => ({ kind: 'attestation' as const, control: a.control, expired: a.expires })),
      ...config.mutes.filter((m) => isExpired(m.expires, now)).map((m) => ({ kind: 'mute' as const, control: m.control, resource: m.resource, expired: m.expires })),
    ];
    return { expired, warnings };
  }
}

/** The scan context the checks read: BAA date, designated accounts and BAA vendors. */
export function checkContextFrom(config: ChaperoneConfig, now: Date): CheckContext {
  const vendors = [...config.segment.baaVendors, ...config.twilio.baaVendors].map((v) => v.trim().toLowerCase());
  return {
    now,
    ...(config.baa && { baaDate: config.baa.date }),
    designatedAccounts: [...new Set([...(config.baa?.designatedAccounts ?? []), ...config.segment.designatedWorkspaces])],
    baaVendors: [...new Set(vendors)],
    usTerritories: config.twilio.usTerritories,
    ...(config.twilio.apiKeyMaxAgeDays !== undefined && { apiKeyMaxAgeDays: config.twilio.apiKeyMaxAgeDays }),
  };
}

function covers(attestation: Attestation, finding: Finding): boolean {
  return (
    attestation.control === finding.control &&
    (!attestation.accounts || attestation.accounts.includes(finding.account)) &&
    (!attestation.resources || attestation.resources.includes(finding.resource.sid))
  );
}

function matches(mute: Mute, finding: Finding): boolean {
  return (
    mute.control === finding.control &&
    (mute.resource === '*' || mute.resource === finding.resource.sid) &&
    (mute.account === undefined || mute.account === finding.account)
  );
}

/** Of several entries that apply, the one that lasts longest is the one to name. */
function latest<T extends { a?: { expires: string }; m?: { expires: string } }>(entries: T[]): T | undefined {
  const expires = (e: T) => (e.a ?? e.m)!.expires;
  return entries.reduce<T | undefined>((best, e) => (!best || expires(e) > expires(best) ? e : best), undefined);
}

function attestedNote(a: Attestation, alternative?: string): string {
  return `attested by ${a.by} on ${a.date}, valid until ${a.expires}${alternative ? ` (${alternative})` : ''}${a.note ? `: ${a.note}` : ''}`;
}
