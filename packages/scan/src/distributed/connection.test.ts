import { describe, expect, it } from 'vitest';
import { parseQueueUrl, QueueError } from './connection.ts';
import { jobId } from './keys.ts';

describe('parseQueueUrl', () => {
  it('reads host, port, database, credentials and TLS; shows the URL without its password', () => {
    const t = parseQueueUrl('rediss://ops:p%40ss@redis.internal:6380/2', 'team-a');
    expect(t.redis).toMatchObject({ host: 'redis.internal', port: 6380, db: 2, username: 'ops', password: 'p@ss', tls: { servername: 'redis.internal' }, maxRetriesPerRequest: null });
    expect(t.shown).toBe('rediss://redis.internal:6380/2');
    expect(t.prefix).toBe('team-a');
    expect(parseQueueUrl('redis://127.0.0.1').redis).toMatchObject({ port: 6379, db: 0 });
  });

  it('refuses what is not a Redis URL or a usable prefix, in one line that names the flag and never the password', () => {
    const fails = (url: string, prefix?: string) => {
      try {
        parseQueueUrl(url, prefix);
      } catch (error) {
        expect(error).toBeInstanceOf(QueueError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(fails('http://127.0.0.1:6379')).toMatch(/^--queue must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(fails('127.0.0.1:6379')).toMatch(/^--queue is not a URL: use redis:\/\/HOST:PORT/);
    expect(fails('not a url')).toMatch(/^--queue is not a URL/);
    expect(fails('redis://u:hunter2@h:1/x')).toMatch(/^--queue: the path must be a Redis database number/);
    expect(fails('redis://u:hunter2@h:1/x')).not.toContain('hunter2');
    expect(fails('redis://h:1', 'a:b')).toMatch(/^--queue-prefix must be/);
  });
});

describe('jobId', () => {
  it('is the run id and the SID, without the ":" BullMQ refuses', () => {
    expect(jobId('20261204T194118Z-59a0b3', 'AC0123')).toBe('20261204T194118Z-59a0b3.AC0123');
  });
});
