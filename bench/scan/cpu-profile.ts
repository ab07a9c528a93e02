// Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by where the code lives, so
// the scan benchmark can say what the scanner's CPU goes to beyond the raw client's.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The bucket a frame's self time counts to: a package, a part of this repository, or V8/Node. */
export function bucketOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native (program)';
    return `native ${functionName || '(anonymous)'}`;
  }
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1] === 'twilio' ? 'twilio SDK' : pkg[1]!;
  const own = url.match(/\/packages\/([^/]+)\//);
  if (own) return `@chaperone/${own[1]}`;
  if (/^node:internal\/(http|_http|streams|net|stream_base|dns)|^node:(_http|http|net|stream)/.test(url)) return 'node http/net/streams';
  // Other Node internals by module: timers, promise queues (task_queues), url, buffer, events...
  if (url.startsWith('node:')) return `node ${url.replace(/^node:(internal\/)?/, '').replace(/^process\//, '').split('/')[0]}`;
  return 'other';
}

export interface ProfileSummary {
  sampledMs: number;
  busyMs: number;
  /** Self time per bucket, ms, largest first (idle left out). */
  buckets: Array<{ bucket: string; ms: number; shareOfBusy: number }>;
}

export function summariseProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const bucketById = new Map(profile.nodes.map((n) => [n.id, bucketOf(n.callFrame)]));
  const totals = new Map<string, number>();
  let sampled = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    sampled += ms;
    const bucket = bucketById.get(id) ?? 'other';
    totals.set(bucket, (totals.get(bucket) ?? 0) + ms);
  });
  const busy = sampled - (totals.get('idle') ?? 0);
  const buckets = [...totals]
    .filter(([bucket]) => bucket !== 'idle')
    .sort((a, b) => b[1] - a[1])
    .map(([bucket, ms]) => ({ bucket, ms: Math.round(ms), shareOfBusy: Number((ms / busy).toFixed(3)) }));
  return { sampledMs: Math.round(sampled), busyMs: Math.round(busy), buckets };
}
