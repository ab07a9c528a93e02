import { describe, expect, it } from 'vitest';
import { rewriteTwilioUrl, splitTwinPath } from './base-url.ts';

describe('rewriteTwilioUrl', () => {
  it('maps https://{sub}.twilio.com{path} to {base}/{sub}{path}, keeping the query', () => {
    expect(rewriteTwilioUrl('https://trunking.twilio.com/v1/Trunks', 'http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010/trunking/v1/Trunks');
    expect(rewriteTwilioUrl('https://api.twilio.com/2010-04-01/Accounts.json?PageSize=2&Page=1', 'http://127.0.0.1:4010/')).toBe(
      'http://127.0.0.1:4010/api/2010-04-01/Accounts.json?PageSize=2&Page=1',
    );
    expect(rewriteTwilioUrl('https://flex-api.twilio.com/v1/Configuration', 'http://h:1')).toBe('http://h:1/flex-api/v1/Configuration');
  });

  it('leaves other hosts and non-URLs alone', () => {
    expect(rewriteTwilioUrl('https://example.org/x', 'http://h:1')).toBe('https://example.org/x');
    expect(rewriteTwilioUrl('https://twilio.com.evil.example/x', 'http://h:1')).toBe('https://twilio.com.evil.example/x');
    expect(rewriteTwilioUrl('not a url', 'http://h:1')).toBe('not a url');
  });

  it('is inverted by splitTwinPath', () => {
    expect(splitTwinPath('/trunking/v1/Trunks')).toEqual({ sub: 'trunking', path: '/v1/Trunks' });
    expect(splitTwinPath('/trunking')).toBeUndefined();
  });
});
