// VEHICLE (Safe Harbor 12): licence plates after a plate word, and VINs anywhere by their
// ISO 3779 check digit.
import { vinValid } from '../validators.ts';
import { applyContextRule, hasIdContext, SEP, type ContextRule } from './context-id.ts';
import { matches, type Recognizer, type Sink } from './shared.ts';

const PLATE_RULE: ContextRule = {
  type: 'VEHICLE',
  re: new RegExp(`\\b(?:licen[cs]e plate|plate|tag)${SEP}([A-Z0-9][A-Z0-9-]{1,7})\\b`, 'gi'),
  confidence: 0.9,
};
const VIN_TOKEN = /\b[A-HJ-NPR-Z0-9]{17}\b/g;

export const vehicle: Recognizer = {
  name: 'vehicle',
  types: ['VEHICLE'],
  minDigits: 1,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) applyContextRule(PLATE_RULE, text, sink);
    for (const m of matches(VIN_TOKEN, text)) {
      if (vinValid(m[0])) sink.push('VEHICLE', m.index, m.index + 17, 0.93);
    }
  },
};
