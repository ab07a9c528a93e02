// The JSON report: the ScanReport itself, keys in a fixed order so two scans of the same
// account diff cleanly whatever order the engine built its objects in.
import type { ScanReport } from '../types.ts';

// Declared order of each known object shape (types.ts); keys not listed follow, sorted.
const KEY_ORDER: Record<string, readonly string[]> = {
  report: ['scan', 'findings'],
  scan: ['started', 'finished', 'accounts', 'complete', 'requests', 'throttled', 'retries', 'errors', 'expired', 'warnings', 'chaperoneVersion', 'guideVersion'],
  'scan.accounts': ['platform', 'sid', 'friendlyName', 'complete'],
  'scan.expired': ['kind', 'control', 'resource', 'expired'],
  findings: ['control', 'status', 'severity', 'account', 'platform', 'resource', 'evidence', 'remediation', 'note'],
  'findings.resource': ['kind', 'sid', 'friendlyName'],
};

function ordered(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, path));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const known = KEY_ORDER[path] ?? [];
  const rest = Object.keys(record)
    .filter((key) => !known.includes(key))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) {
    if (!(key in record)) continue;
    const childPath = path === 'report' ? key : `${path}.${key}`;
    out[key] = ordered(record[key], childPath);
  }
  return out;
}

export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(ordered(report, 'report'), null, 2)}\n`;
}
