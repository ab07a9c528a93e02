// URL rule of the fourth recall pass (our own text): a URL is redacted when it carries a person
// (a profile, a name in its host or path, an id, a person's field); the app's and vendors' pages stay.
import { describe, expect, it } from 'vitest';
import { detectPhi, redactPhi } from '../index.ts';

describe('url recognizer: whose page a URL is', () => {
  const personal: string[] = [
    'see https://instagram.com/rosa.delgado.85 for photos',
    'blog at https://www.priyapatel.com today',
    'file https://files.example.com/scans/Kofi_Mensah_xray.pdf sent',
    'record https://portal.example.org/records/20441877 opened',
    'fundraiser https://www.gofundme.com/f/help-for-ana-ruiz is up',
    'Q: https://app.example.com/lookup?email=jo%40example.org done',
  ];
  for (const line of personal) it(`redacts ${line}`, () => expect(redactPhi(line)).toMatch(/<URL>/));
  const generic: string[] = [
    'Runbook: https://wiki.example.com/runbooks/scheduling-api',
    'Log in at https://portal.example-clinic.com/login to view.',
    'Track at https://shop.example.com/track',
  ];
  for (const line of generic) it(`keeps ${line}`, () => expect(redactPhi(line)).toBe(line));
  it('a caller asking for every URL still gets the generic ones', () => {
    expect(detectPhi(generic[0] as string, { minConfidence: 0.4 }).some((h) => h.type === 'URL')).toBe(true);
  });
});
