// The guide's classes decide what a check's `fail` means (statusFor): a recommendation not
// followed is advisory, a special consideration goes to a person unless the scan observed
// the violation itself, required and not-eligible controls fail.
import { controls, type Classification } from '@chaperone/controls';
import { describe, expect, it } from 'vitest';
import { accountFinding, resourceFinding, statusFor } from '../../src/checks/finding.ts';
import { segmentFinding } from '../../src/segment/finding.ts';
import { STATUS_ORDER, type FindingStatus } from '../../src/types.ts';
import { MASTER } from './helpers.ts';

const subject = { account: MASTER, kind: 'api.incoming_phone_number', sid: 'PN1' };
const account = { platform: 'twilio' as const, sid: MASTER };

describe('statusFor: a check reports fail, the class of the control decides', () => {
  it.each<[Classification, FindingStatus, FindingStatus]>([
    ['required', 'fail', 'fail'],
    ['not-eligible', 'fail', 'fail'],
    ['recommended', 'fail', 'advisory'],
    ['special-consideration', 'fail', 'manual'],
    ['platform', 'fail', 'fail'],
  ])('%s: %s -> %s', (classification, reported, expected) => {
    expect(statusFor(classification, reported)).toBe(expected);
  });

  it('a special consideration the scan observed violated stays fail; observed changes nothing else', () => {
    expect(statusFor('special-consideration', 'fail', { observed: true })).toBe('fail');
    expect(statusFor('recommended', 'fail', { observed: true })).toBe('advisory');
    expect(statusFor('required', 'fail', { observed: true })).toBe('fail');
  });

  it('leaves every other verdict as the check gave it', () => {
    for (const classification of ['required', 'recommended', 'special-consideration', 'not-eligible'] as const) {
      for (const status of STATUS_ORDER.filter((s) => s !== 'fail')) expect(statusFor(classification, status)).toBe(status);
    }
  });
});

describe('findings built by the checks carry the mapped status', () => {
  it('recommended TW-HTTP-AUTH is advisory, required TW-HTTPS fails, not-eligible TW-MARKETPLACE fails', () => {
    expect(resourceFinding('TW-HTTP-AUTH', 'fail', subject, 'e').status).toBe('advisory');
    expect(resourceFinding('TW-HTTPS', 'fail', subject, 'e').status).toBe('fail');
    expect(resourceFinding('TW-MARKETPLACE', 'fail', subject, 'e').status).toBe('fail');
    expect(accountFinding('TW-PKCV', 'fail', account, 'e').status).toBe('advisory');
  });

  it('special consideration TW-RT-ASSETS-PRIVATE goes to a person with the evidence that triggered it, or fails when observed', () => {
    const review = resourceFinding('TW-RT-ASSETS-PRIVATE', 'fail', subject, 'path = /a.pdf, visibility = public');
    expect(review).toMatchObject({ status: 'manual', evidence: 'path = /a.pdf, visibility = public' });
    expect(resourceFinding('TW-RT-STUDIO', 'fail', subject, 'PHI in definition: NAME', { observed: true }).status).toBe('fail');
  });

  it('Segment findings follow the same classes', () => {
    const ws = { account: 'ws_1', kind: 'segment.workspace', sid: 'ws_1' };
    expect(segmentFinding('SEG-DELETION-SUPPRESSION', 'fail', ws, 'e').status).toBe('advisory');
    expect(segmentFinding('SEG-FUNCTIONS', 'fail', ws, 'e').status).toBe('manual');
    expect(segmentFinding('SEG-DEST-BAA', 'fail', ws, 'e', { observed: true }).status).toBe('fail');
    expect(segmentFinding('SEG-DEST-FILTERS', 'fail', ws, 'e').status).toBe('fail');
  });

  it('every class of the catalog is one statusFor knows', () => {
    for (const c of controls) expect(['fail', 'advisory', 'manual']).toContain(statusFor(c.classification, 'fail'));
  });
});

describe('STATUS_ORDER', () => {
  it('is worst first and holds every status once', () => {
    expect(STATUS_ORDER).toEqual(['fail', 'advisory', 'unknown', 'manual', 'attested', 'muted', 'pass']);
  });
});
