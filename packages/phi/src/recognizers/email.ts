// EMAIL (Safe Harbor 6). Found from each '@' outwards: a pattern starting with the local
// part's character class would be tried at every position of every word.
import { type Recognizer, type Sink } from './shared.ts';

const EMAIL_LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/y;
// The local part is read back at most this far (RFC 5321 caps it at 64 octets).
const LOCAL_MAX = 64;

export const email: Recognizer = {
  name: 'email',
  types: ['EMAIL'],
  minDigits: 0,
  detect(text: string, sink: Sink): void {
    for (let at = text.indexOf('@'); at > 0; at = text.indexOf('@', at + 1)) {
      EMAIL_DOMAIN.lastIndex = at;
      const domain = EMAIL_DOMAIN.exec(text);
      if (!domain) continue;
      let start = at;
      while (start > 0 && at - start < LOCAL_MAX && EMAIL_LOCAL_CHAR.test(text[start - 1] as string)) start--;
      if (start < at) sink.push('EMAIL', start, at + domain[0].length, 0.95);
    }
  },
};
