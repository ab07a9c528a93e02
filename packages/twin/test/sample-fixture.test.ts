// The sample clinic fixture is the ground truth of the scanner's exact-findings tests: its
// annotations must name real controls, cover the product areas, and sit on lines the twin
// actually serves.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isControlId } from '@chaperone/controls';

const text = readFileSync(fileURLToPath(new URL('../../../fixtures/sample-clinic.yaml', import.meta.url)), 'utf8');
const lines = text.split('\n');
const annotations = lines.flatMap((line, i) => {
  const match = /#\s*(FAIL|ADVISORY|MANUAL|PASS)\s+([A-Z][A-Z0-9-]+)/.exec(line);
  return match ? [{ verdict: match[1]!, id: match[2]!, line: i + 1, code: line.slice(0, line.indexOf('#')).trim() }] : [];
});
// Deliberate misconfigurations: failing, advisory (a recommendation) or handed to a person.
const fails = annotations.filter((a) => a.verdict !== 'PASS');

describe('fixtures/sample-clinic.yaml annotations', () => {
  it('names only real control ids, each on a line with YAML content', () => {
    for (const a of annotations) {
      expect(isControlId(a.id), `line ${a.line}: ${a.id}`).toBe(true);
      expect(a.code, `line ${a.line} annotates nothing`).not.toBe('');
    }
  });

  it('holds at least 25 deliberate misconfigurations across at least 20 controls', () => {
    expect(fails.length).toBeGreaterThanOrEqual(25);
    expect(new Set(fails.map((f) => f.id)).size).toBeGreaterThanOrEqual(20);
  });

  it('spreads them over the product areas the brief names', () => {
    const ids = new Set(fails.map((f) => f.id));
    for (const family of ['TW-SIP-', 'TW-SMS-', 'TW-CHAT-', 'TW-CONV-', 'TW-VIDEO-', 'TW-RT-FUNCTIONS', 'TW-RT-SYNC', 'TW-RT-STUDIO', 'TW-EVENTS-', 'TW-VERIFY-', 'TW-MARKETPLACE', 'TW-FLEX-INSIGHTS-ATTRS', 'TW-FLEX-', 'TW-RT-DEBUGGER']) {
      expect([...ids].some((id) => id.startsWith(family)), family).toBe(true);
    }
  });

  it('uses only clearly fake credentials', () => {
    for (const match of text.matchAll(/(auth_token|secret):\s*(\S+)/g)) expect(match[2]).toMatch(/^deadbeef/);
  });
});
