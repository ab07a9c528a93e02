// The scan benchmark's pure parts: the raw client's request order and the profile buckets.
import { describe, expect, it } from 'vitest';
import { bucketOf } from './cpu-profile.ts';
import { spreadOverAccounts } from './raw-client.ts';

describe('spreadOverAccounts', () => {
  it('takes one request of each account in turn, keeping each account its own order', () => {
    const r = (account: string, path: string) => ({ account, path, authorization: '' });
    const out = spreadOverAccounts([r('A', '/a1'), r('A', '/a2'), r('A', '/a3'), r('B', '/b1'), r('C', '/c1'), r('C', '/c2')]);
    expect(out.map((x) => x.path)).toEqual(['/a1', '/b1', '/c1', '/a2', '/c2', '/a3']);
  });
});

describe('bucketOf', () => {
  it('names the package, the workspace package or the Node module a frame lives in', () => {
    expect(bucketOf({ functionName: 'f', url: 'file:///repo/node_modules/twilio/lib/base/Page.js' })).toBe('twilio SDK');
    expect(bucketOf({ functionName: 'f', url: 'file:///repo/node_modules/@scope/pkg/index.js' })).toBe('@scope/pkg');
    expect(bucketOf({ functionName: 'f', url: 'file:///repo/packages/scan/src/engine/scan.ts' })).toBe('@chaperone/scan');
    expect(bucketOf({ functionName: 'f', url: 'node:_http_client' })).toBe('node http/net/streams');
    expect(bucketOf({ functionName: 'f', url: 'node:internal/process/task_queues' })).toBe('node task_queues');
    expect(bucketOf({ functionName: '(garbage collector)', url: '' })).toBe('garbage collection');
  });
});
