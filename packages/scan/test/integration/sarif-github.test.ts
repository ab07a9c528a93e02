// SARIF as GitHub code scanning receives it, from real scans of the twin: alerts must not
// churn between two scans of an unchanged account, and an organisation too big for one
// upload must still produce a file GitHub accepts (here with the limits scaled down, so a
// generated organisation of 40 subaccounts stands for one of thousands).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startTwin } from '@chaperone/twin';
import { writeSarif } from '../../src/reports/sarif.ts';
import { githubSarifProblems, sarifSchemaValidator } from '../../src/reports/fixtures/sarif-validators.ts';
import { scanTwin, withTwin } from './twin-scan.ts';

interface Run {
  automationDetails: { id: string };
  results: { partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  properties: { truncated?: { reason: string; kept: number; dropped: number } };
}

const runsOf = (text: string) => (JSON.parse(text) as { runs: Run[] }).runs;

describe('SARIF from scans of the twin', () => {
  it('two scans of the same account give identical locations and fingerprints', async () => {
    await withTwin({}, async (twin) => {
      const first = writeSarif((await scanTwin(twin)).report).text;
      const second = writeSarif((await scanTwin(twin)).report).text;
      const key = (text: string) => runsOf(text).flatMap((run) => run.results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${JSON.stringify(r.partialFingerprints)}`));
      expect(key(second)).toEqual(key(first));
      expect(key(first).length).toBeGreaterThan(50);
      expect(githubSarifProblems(first)).toEqual([]);
      const validate = sarifSchemaValidator();
      expect(validate(JSON.parse(first))).toBe(true);
    });
  });

  it('a generated organisation above the limits is cut to fit, says so, and validates', async () => {
    const twin = await startTwin({ generate: { subaccounts: 40, resources: 6, seed: 7 } });
    try {
      const { report } = await scanTwin(twin, { config: undefined });
      const full = writeSarif(report);
      const total = runsOf(full.text)[0]!.results.length;
      expect(total).toBeGreaterThan(200);

      const byCount = writeSarif(report, { maxResults: 100, maxGzipBytes: 10 * 1024 * 1024 });
      expect(runsOf(byCount.text)[0]!.results).toHaveLength(100);
      expect(runsOf(byCount.text)[0]!.properties.truncated).toMatchObject({ reason: 'results', kept: 100 });
      expect(githubSarifProblems(byCount.text)).toEqual([]);

      const maxGzipBytes = Math.floor(gzipSync(full.text).length * 0.6);
      const bySize = writeSarif(report, { maxResults: 25_000, maxGzipBytes });
      expect(gzipSync(bySize.text).length).toBeLessThanOrEqual(maxGzipBytes);
      expect(bySize.truncated).toHaveLength(1);
      expect(bySize.truncated[0]!.reason).toBe('size');
      const validate = sarifSchemaValidator();
      expect(validate(JSON.parse(bySize.text))).toBe(true);
    } finally {
      await twin.close();
    }
  });
});
