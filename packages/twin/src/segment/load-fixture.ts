// Reads the sample clinic's Segment workspace (fixtures/sample-clinic.segment.yaml) as the
// fixture text of a twin (`segment:` key), for tests, the demo and benchmarks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_CLINIC_SEGMENT_FIXTURE = fileURLToPath(new URL('../../../../fixtures/sample-clinic.segment.yaml', import.meta.url));

/** Wraps a Segment fixture file (the value of `segment:`) into twin fixture text. */
export function segmentFixtureText(file: string = SAMPLE_CLINIC_SEGMENT_FIXTURE): string {
  const body = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
  return `segment:\n${body}\n`;
}
