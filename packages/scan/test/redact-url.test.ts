// redactUrl is the one place evidence URLs are rendered: scheme, host and port stay;
// userinfo, query and every path segment after a plain first word never show.
import { describe, expect, it } from 'vitest';
import { redactUrl } from '../src/http/sanitize.ts';

describe('redactUrl', () => {
  it('cuts a Slack webhook path to its first word', () => {
    expect(redactUrl('https://hooks.slack.com/services/T000/B000/deadbeef')).toBe('https://hooks.slack.com/services/…');
  });
  it('hides a token-shaped or numeric first segment entirely', () => {
    expect(redactUrl('https://x.example/sk_live_SUPERSECRET456')).toBe('https://x.example/…');
    expect(redactUrl('https://x.example/12345/visit')).toBe('https://x.example/…');
  });
  it('hides patient ids and tokens after the first segment', () => {
    const out = redactUrl('http://x.example:8443/hook/sk_live_SUPERSECRET456/patients/12345');
    expect(out).toBe('http://x.example:8443/hook/…');
    for (const leaked of ['SUPERSECRET456', '12345', 'patients']) expect(out).not.toContain(leaked);
  });
  it('keeps a plain one-word path and masks userinfo and query', () => {
    expect(redactUrl('https://u:p@api.example/voice?token=abc')).toBe('https://***@api.example/voice?***');
    expect(redactUrl('https://api.example/voice/')).toBe('https://api.example/voice/');
    expect(redactUrl('https://api.example')).toBe('https://api.example/');
  });
  it('masks what is not a URL', () => {
    expect(redactUrl('not a url sk_live_x')).toBe('(unparseable URL)');
  });
});
