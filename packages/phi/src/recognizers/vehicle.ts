// VEHICLE (Safe Harbor 12): licence plates after a plate word, and VINs anywhere by their
// ISO 3779 check digit.
import { vinValid } from '../validators.ts';
import { hasIdContext, idTokens, SEP, type ContextRule } from './context-id.ts';
import { groupSpan, matches, type Recognizer, type Sink } from './shared.ts';

const PLATE_RULE: ContextRule = {
  type: 'VEHICLE',
  re: new RegExp(`\\b(?:licen[cs]e plate|plate|tag|reg|registration)${SEP}([A-Z0-9][A-Z0-9-]{1,9}(?: [A-Z0-9]{2,5})?)\\b`, 'gi'),
  confidence: 0.9,
};

export const vehicle: Recognizer = {
  name: 'vehicle',
  types: ['VEHICLE'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) {
      for (const m of matches(PLATE_RULE.re, text)) {
        const [start, groupEnd] = groupSpan(m);
        let end = groupEnd;
        const value = m[1] as string;
        // A second group in lower case is the next word ("plate 8MJG931 in the garage").
        const space = value.indexOf(' ');
        if (space > 0 && /[a-z]/.test(value.slice(space))) end = start + space;
        if (/\d/.test(text.slice(start, end))) sink.push('VEHICLE', start, end, PLATE_RULE.confidence);
      }
    }
    for (const { index, token } of idTokens(text)) {
      if (token.length === 17 && vinValid(token)) sink.push('VEHICLE', index, index + 17, 0.93);
    }
  },
};
