import { describe, expect, it } from 'vitest';
import {
  CONTROL_IDS,
  ELIGIBLE_TWILIO_API_DOMAINS,
  ELIGIBLE_TWILIO_PRODUCTS,
  GUIDE_VERSION,
  closestControlId,
  controls,
  controlsFor,
  getControl,
  isEligibleTwilioHost,
  type Classification,
  type Severity,
} from '../src/index.ts';

describe('catalog vs ids.ts', () => {
  it('has exactly one entry per id, in the same order', () => {
    expect(controls.map((c) => c.id)).toEqual([...CONTROL_IDS]);
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
  });

  // The catalog is the source of truth (a user's clone holds no copy of the guide's table):
  // these counts are the guide's 83 rows by class, the three rows the controls audit found
  // missing (TW-FRONTLINE-INHERIT required; SEG-PRIVACY-EXISTING-PHI and SEG-CONSENT special
  // considerations) and TW-KEYS-ROTATION (recommended, beyond the guide); TW-VOICE-TRANSCRIPTION
  // and TW-VOICE-MEDIA-STREAMS are required (Voice's "Required for HIPAA"), so a row added,
  // dropped or reclassified shows up here and in the generated docs/controls.md diff.
  it('holds the guide\'s 86 rows and one control beyond it, by classification', () => {
    const byClass: Record<string, number> = {};
    for (const c of controls) byClass[c.classification] = (byClass[c.classification] ?? 0) + 1;
    expect(controls).toHaveLength(87);
    expect(byClass).toEqual({ required: 43, recommended: 9, 'special-consideration': 21, 'not-eligible': 12, platform: 2 });
  });
});

describe('entries', () => {
  it.each(controls.map((c) => [c.id, c] as const))('%s is complete', (_id, c) => {
    expect(c.summary.length).toBeGreaterThan(5);
    expect(c.remediation.length).toBeGreaterThan(40);
    expect(c.reference).toMatch(/^https:\/\/(www\.twilio\.com\/|twil\.io\/|segment\.com\/docs\/|d0\.awsstatic\.com\/)/);
    if (c.platform === 'segment') expect(c.reference).toMatch(/^https:\/\/segment\.com\/docs\//);
    // CFR paragraph levels: (a), (1), (i), then (A) as in 164.308(a)(5)(ii)(D).
    for (const cite of c.hipaaCitation) expect(cite).toMatch(/^164\.\d{3}(\([a-z0-9]+\))*(\([A-Z]\))?$/);
    if (c.seeAlso) expect(c.seeAlso).not.toBe(c.id);
  });

  it('follows the documented severity rule', () => {
    const allowed: Record<Classification, Severity[]> = {
      'not-eligible': ['critical'],
      required: ['critical', 'high'],
      'special-consideration': ['medium', 'low'],
      recommended: ['medium', 'low'],
      platform: ['info'],
    };
    for (const c of controls) {
      expect(allowed[c.classification], c.id).toContain(c.severity);
      if (c.seeAlso && c.classification === getControl(c.seeAlso).classification) {
        expect(c.severity, c.id).toBe(getControl(c.seeAlso).severity);
      }
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(controls)).toBe(true);
    expect(Object.isFrozen(controls[0])).toBe(true);
  });
});

describe('getControl / controlsFor', () => {
  it('throws on an unknown id, naming the closest one', () => {
    expect(() => getControl('TW-HTTP')).toThrow(/unknown control id "TW-HTTP".*did you mean TW-HTTPS/);
  });

  it('finds the closest id regardless of case', () => {
    expect(closestControlId('tw-sip-securty')).toBe('TW-SIP-SECURITY');
  });

  it('filters by every field and combines filters', () => {
    expect(controlsFor().length).toBe(87);
    expect(controlsFor({ platform: 'segment' }).every((c) => c.id.startsWith('SEG-'))).toBe(true);
    expect(controlsFor({ platform: 'segment' }).length).toBe(20);
    expect(controlsFor({ product: 'flex' }).map((c) => c.product)).toEqual(Array(11).fill('Twilio Flex'));
    const attestOnly = controlsFor({ classification: 'not-eligible', verification: 'guard' });
    expect(attestOnly.length).toBeGreaterThan(0);
    for (const c of attestOnly) {
      expect(c.classification).toBe('not-eligible');
      expect(c.verification).toContain('guard');
    }
    expect(controlsFor({ product: 'no such product' })).toEqual([]);
  });
});

describe('guide facts', () => {
  it('names the guide version from its change log', () => {
    expect(GUIDE_VERSION).toBe('change log 9/01/2023');
  });

  it('lists eligible API domains and rejects the rest', () => {
    expect(ELIGIBLE_TWILIO_PRODUCTS.length).toBeGreaterThan(10);
    expect(ELIGIBLE_TWILIO_API_DOMAINS).toContain('messaging');
    expect(isEligibleTwilioHost('api.twilio.com')).toBe(true);
    expect(isEligibleTwilioHost('video.dublin.ie1.twilio.com')).toBe(true);
    expect(isEligibleTwilioHost('assistants.twilio.com')).toBe(false);
    expect(isEligibleTwilioHost('marketplace.twilio.com')).toBe(false);
    expect(isEligibleTwilioHost('api.twilio.com.evil.example')).toBe(false);
    expect(isEligibleTwilioHost('twilio.com')).toBe(false);
  });
});
