import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DEAD_SUB, HOSTILE, MASTER, sampleReport } from './fixtures/sample-report.ts';
import { renderJunit } from './junit.ts';

type Attrs = Record<string, string>;
interface TestCase {
  name: string;
  failure?: Attrs;
  skipped?: Attrs;
  error?: Attrs;
}

function parse(xml: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
    parseAttributeValue: false,
  });
  return parser.parse(xml) as { testsuites: Attrs & { testsuite: (Attrs & { testcase?: TestCase[] })[] } };
}

describe('JUnit writer', () => {
  const xml = renderJunit(sampleReport());

  it('is well-formed XML despite markup, quotes and characters XML forbids in the values', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).not.toContain('<script>');
  });

  it('the well-formedness check can fail', () => {
    // Unescaped quotes inside attribute values (what a writer without escaping emits).
    expect(XMLValidator.validate(xml.replaceAll('&quot;', '"'))).not.toBe(true);
  });

  it('has one suite per account, worst first, with counts that add up', () => {
    const { testsuites } = parse(xml);
    expect(testsuites.tests).toBe('11');
    expect(testsuites.failures).toBe('4');
    // unknown is an error (the scan could not check it), never a skip a dashboard hides.
    expect(testsuites.errors).toBe('1');
    expect(testsuites.skipped).toBe('3');
    expect(testsuites.time).toBe('90.500');
    const names = testsuites.testsuite.map((s) => s.name);
    expect(names).toHaveLength(4);
    expect(names[0]).toBe(`twilio ${MASTER} Clinic <Main>`);
    expect(names).toContain(`twilio ${DEAD_SUB} (incomplete)`);
    for (const suite of testsuites.testsuite) {
      const cases = suite.testcase ?? [];
      expect(String(cases.length)).toBe(suite.tests);
      expect(String(cases.filter((c) => c.failure !== undefined).length)).toBe(suite.failures);
      expect(String(cases.filter((c) => c.skipped !== undefined).length)).toBe(suite.skipped);
      expect(String(cases.filter((c) => c.error !== undefined).length)).toBe(suite.errors);
    }
  });

  it('round-trips hostile values as text', () => {
    const { testsuites } = parse(xml);
    const cases = testsuites.testsuite.flatMap((s) => s.testcase ?? []);
    const failing = cases.find((c) => c.name.startsWith('TW-HTTPS api.incoming_phone_number/PN00000000000000000000000000000001 (Front desk'));
    expect(failing?.name).toContain(HOSTILE.img);
    const failure = failing?.failure ?? {};
    expect(failure.message).toContain(HOSTILE.script);
    expect(failure.type).toBe('high');
    const skipped = cases.filter((c) => c.skipped !== undefined).map((c) => c.skipped?.message);
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^advisory: no HTTP auth credentials/),
        expect.stringMatching(/^manual: needs attestation: a,"b",c/),
        'muted: Muted until 2027-01-01: UK pilot, no PHI (ticket 42)',
      ]),
    );
    expect(skipped.some((m) => m?.startsWith('unknown'))).toBe(false);
    const errors = cases.filter((c) => c.error !== undefined).map((c) => c.error?.message);
    expect(errors).toEqual([expect.stringMatching(/^unknown: api\.sip_domain could not be collected/)]);
  });
});
