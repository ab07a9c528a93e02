// The Segment workspace as one more source of the scan: its collector and checks from
// src/segment, with collection failures turned into the summary's error lines.
import { collectSegment, segmentChecks } from '../segment/index.ts';
import type { InventorySource } from './scan.ts';

export interface SegmentSourceOptions {
  token: string;
  /** SEGMENT_API_BASE_URL, or the twin's `{base}/segment`. */
  baseUrl?: string;
  concurrency?: number;
}

export function segmentSource(options: SegmentSourceOptions): InventorySource {
  return {
    platform: 'segment',
    checks: segmentChecks,
    async collect() {
      const { inventory, stats } = await collectSegment({
        token: options.token,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      });
      const errors = inventory.collections.filter((c) => !c.ok).map((c) => `${c.account} ${c.kind}: ${c.error ?? 'failed'}`);
      return { inventory, errors, stats };
    },
  };
}
