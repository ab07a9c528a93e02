// VEHICLE (Safe Harbor 12): licence plates after a plate word, and VINs anywhere by their
// ISO 3779 check digit.
import { vinValid } from '../validators.ts';
import { applyContextRule, hasIdContext, idTokens, SEP, type ContextRule } from './context-id.ts';
import type { Recognizer, Sink } from './shared.ts';

const PLATE_RULE: ContextRule = {
  type: 'VEHICLE',
  re: new RegExp(`\\b(?:licen[cs]e plate|plate|tag)${SEP}([A-Z0-9][A-Z0-9-]{1,7})\\b`, 'gi'),
  confidence: 0.9,
};

export const vehicle: Recognizer = {
  name: 'vehicle',
  types: ['VEHICLE'],
  minDigits: 1,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) applyContextRule(PLATE_RULE, text, sink);
    for (const { index, token } of idTokens(text)) {
      if (token.length === 17 && vinValid(token)) sink.push('VEHICLE', index, index + 17, 0.93);
    }
  },
};
