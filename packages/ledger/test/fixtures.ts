// Entries and reports the ledger tests record: shaped like the scanner's, values made up.
import type { ChaperoneConfig, Finding, ScanReport } from '@chaperone/scan';
import { emptyConfig } from '@chaperone/scan';
import type { EntryContent } from '../src/index.ts';

export const MASTER = 'AC0ba1e00000000000000000000000b001';
export const SUB = 'AC0ba1e00000000000000000000000c001';

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    control: 'TW-HTTPS',
    status: 'fail',
    severity: 'high',
    account: MASTER,
    platform: 'twilio',
    resource: { kind: 'api.incoming_phone_number', sid: 'PN0000000000000000000000000000a001', friendlyName: 'Maria Delgado line' },
    evidence: 'voice_url = http://clinic.example/voice',
    remediation: 'use https',
    ...over,
  } as Finding;
}

export function report(findings: Finding[], over: Partial<ScanReport['scan']> = {}): ScanReport {
  return {
    scan: {
      started: '2026-12-03T07:00:00.000Z',
      finished: '2026-12-03T07:00:05.000Z',
      accounts: [
        { platform: 'twilio', sid: MASTER, complete: true },
        { platform: 'twilio', sid: SUB, complete: false },
      ],
      complete: false,
      requests: 12,
      throttled: 0,
      retries: 0,
      errors: ['AC…c001 voice: HTTP 500'],
      expired: [],
      chaperoneVersion: '0.1.0',
      guideVersion: 'test',
      ...over,
    },
    findings,
  };
}

export function config(over: Partial<ChaperoneConfig> = {}): ChaperoneConfig {
  return { ...emptyConfig(), ...over };
}

/** n guard decisions: the simplest entries to fill a ledger with. */
export function decisions(n: number, from = 0): EntryContent[] {
  return Array.from({ length: n }, (_, i) => ({ kind: 'guard.decision' as const, event: 'twilio.outbound.decision', level: 'info', fields: { i: from + i, to: '+1415555****' } }));
}
