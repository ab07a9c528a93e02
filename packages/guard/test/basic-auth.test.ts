import { describe, expect, it } from 'vitest';
import { checkBasicAuth } from '../src/webhook/basic-auth.ts';

const expected = { username: 'twilio', password: 'pa:ss word' };
const header = (text: string, scheme = 'Basic') => `${scheme} ${Buffer.from(text).toString('base64')}`;

describe('checkBasicAuth', () => {
  it('splits at the first colon only, takes any case of the scheme', () => {
    expect(checkBasicAuth(header('twilio:pa:ss word'), expected)).toBe('ok');
    expect(checkBasicAuth(header('twilio:pa:ss word', 'basic'), expected)).toBe('ok');
  });

  it('is missing without a header, wrong for anything else', () => {
    expect(checkBasicAuth(undefined, expected)).toBe('missing');
    for (const bad of [header('twilio:pa:ss'), header('twiliopa:ss word'), header('twilio:pa:ss word', 'Bearer'), 'Basic !!!', 'Basic']) {
      expect(checkBasicAuth(bad, expected), bad).toBe('wrong');
    }
  });
});
