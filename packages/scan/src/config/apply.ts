// Applies chaperone.yaml to the checks' findings: attestations turn `manual` findings
// into `attested`, mutes turn `fail`, `advisory` or `manual` findings into `muted`. Expired entries stop counting
// and are reported so the summary can say what needs renewing. Pure: `now` comes in.
import type { CheckContext } from '../check.ts';
import type { Finding, ScanSummary } from '../types.ts';
import { hasBegun, isExpired } from './dates.ts';
import type { Attestation, ChaperoneConfig, Mute } from './types.ts';

const MUTABLE: ReadonlySet<Finding['status']> = new Set(['fail', 'advisory', 'manual']);

export interface AppliedConfig {
  findings: Finding[];
  expired: ScanSummary['expired'];
}

export function applyConfig(findings: readonly Finding[], config: ChaperoneConfig, now: Date): AppliedConfig {
  const attestations = config.attestations.filter((a) => !isExpired(a.expires, now) && hasBegun(a.date, now));
  const mutes = config.mutes.filter((m) => !isExpired(m.expires, now));

  const applied = findings.map((finding): Finding => {
    // Only `manual` can be attested (a person confirms what no API shows). A mute accepts
    // a `fail`, an `advisory` (a recommendation the team chose not to follow) or a
    // `manual` review, with a reason and an expiry; never `unknown`: the data was not
    // collected, and muting it would turn "we don't know" into silence.
    if (finding.status === 'manual') {
      const attestation = latest(attestations.filter((a) => covers(a, finding)));
      if (attestation) return { ...finding, status: 'attested', note: attestedNote(attestation) };
    }
    if (MUTABLE.has(finding.status)) {
      const mute = latest(mutes.filter((m) => matches(m, finding)));
      if (mute) return { ...finding, status: 'muted', note: `muted until ${mute.expires}: ${mute.reason}` };
    }
    return finding;
  });

  const expired: ScanSummary['expired'] = [
    ...config.attestations
      .filter((a) => isExpired(a.expires, now))
      .map((a) => ({ kind: 'attestation' as const, control: a.control, expired: a.expires })),
    ...config.mutes
      .filter((m) => isExpired(m.expires, now))
      .map((m) => ({ kind: 'mute' as const, control: m.control, resource: m.resource, expired: m.expires })),
  ];
  return { findings: applied, expired };
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
  };
}

function covers(attestation: Attestation, finding: Finding): boolean {
  return attestation.control === finding.control && (!attestation.accounts || attestation.accounts.includes(finding.account));
}

function matches(mute: Mute, finding: Finding): boolean {
  return (
    mute.control === finding.control &&
    (mute.resource === '*' || mute.resource === finding.resource.sid) &&
    (mute.account === undefined || mute.account === finding.account)
  );
}

/** Of several entries that apply, the one that lasts longest is the one to name. */
function latest<T extends { expires: string }>(entries: T[]): T | undefined {
  return entries.reduce<T | undefined>((best, e) => (!best || e.expires > best.expires ? e : best), undefined);
}

function attestedNote(a: Attestation): string {
  return `attested by ${a.by} on ${a.date}, valid until ${a.expires}${a.note ? `: ${a.note}` : ''}`;
}
