// The Segment workspace as one more source of the scan: its collector and checks from
// src/segment, with collection failures turned into the summary's error lines.
import { collectSegment, segmentChecks } from '../segment/index.ts';
import { CredentialError } from '../twilio/credentials.ts';
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
      const { inventory, stats, tokenRejected } = await collectSegment({
        token: options.token,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      });
      // Same rule as Twilio's rejected credentials: a wrong token is the user's to fix, not an unknown.
      if (tokenRejected) {
        throw new CredentialError('Segment rejected SEGMENT_PUBLIC_API_TOKEN (HTTP 401): create a Public API token in Segment > Settings > Access Management > Tokens');
      }
      const errors = inventory.collections.filter((c) => !c.ok).map((c) => `${c.account} ${c.kind}: ${c.error ?? 'failed'}`);
      return { inventory, errors, stats };
    },
  };
}
