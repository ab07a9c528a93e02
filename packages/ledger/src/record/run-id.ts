// Run ids sort by start time and stay unique across machines writing one ledger:
// `20261203T071502Z-3fa9c1`. Short enough to type after --from, --to and --resume.
import { randomBytes } from 'node:crypto';

export const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
