// Reads the sample clinic's Segment workspace (fixtures/sample-clinic.segment.yaml) as the
// fixture text of a twin (`segment:` key), for tests, the demo and benchmarks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_CLINIC_SEGMENT_FIXTURE = fileURLToPath(new URL('../../../../fixtures/sample-clinic.segment.yaml', import.meta.url));

// The host twin needs one Twilio master account to load a fixture; this one is clearly fake.
const PLACEHOLDER_ACCOUNT = 'accounts:\n  - sid: AC00000000000000000000000000000001\n    auth_token: "00000000000000000000000000000001"\n    friendly_name: Segment-only twin\n';

/**
 * Wraps a Segment fixture file (the value of `segment:`) into twin fixture text, with a
 * placeholder Twilio account unless `accounts` text is given (e.g. a whole Twilio fixture file
 * without a `segment:` key of its own).
 */
export function segmentFixtureText(file: string = SAMPLE_CLINIC_SEGMENT_FIXTURE, accounts: string = PLACEHOLDER_ACCOUNT): string {
  const body = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
  const head = accounts === '' || accounts.endsWith('\n') ? accounts : `${accounts}\n`;
  return `${head}segment:\n${body}\n`;
}
