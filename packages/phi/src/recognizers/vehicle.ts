// VEHICLE (Safe Harbor 12): licence plates after a plate word, and VINs anywhere by their
// ISO 3779 check digit.
import { vinValid } from '../validators.ts';
import { hasIdContext, idTokens, SEP, type ContextRule } from './context-id.ts';
import { groupSpan, matches, pushEveryGroup, type Recognizer, type Sink } from './shared.ts';

// Plate words of the languages support text here comes in (German Kennzeichen, Spanish
// matrícula/placa, French plaque, Italian targa, Dutch kenteken, Portuguese matrícula). A plate
// is printed in up to three groups ("BX 4410 ZK", "VT 4821KQ", "B-MK 4821"); groups after the
// first must be upper case (checked in code: the pattern ignores case for the words).
const PLATE_RULE: ContextRule = {
  type: 'VEHICLE',
  re: new RegExp(`\\b(?:licen[cs]e plate|plate|tag|reg|registration)${SEP}([A-Z0-9][A-Z0-9-]{1,9}(?: [A-Z0-9]{2,7}){0,2})\\b`, 'gi'),
  confidence: 0.9,
};
const FOREIGN_PLATE_RULE: ContextRule = {
  type: 'VEHICLE',
  re: new RegExp(`\\b(?:kennzeichen|matr[íi]cula|placa|plaque|targa|kenteken)${SEP}([A-Z0-9][A-Z0-9-]{1,9}(?: [A-Z0-9]{2,7}){0,2})\\b`, 'gi'),
  confidence: 0.9,
};
const FOREIGN_PLATE_GATE = /kennzeichen|matr[íi]cula|placa|plaque|targa|kenteken/i;
// "vehicle NYC T-448211-C": after the bare word "vehicle" only an upper-case code mixing
// letters and digits ("vehicle 2 arrived" is a count).
const VEHICLE_WORD = /\bvehicle(?:\s+(?:id|no\.?|number|#))?\s*[:#]?\s*((?=[A-Z0-9 -]{4,20}\b)(?=[A-Z -]*\d)(?=[0-9 -]*[A-Z])[A-Z0-9][A-Z0-9-]{0,11}(?: [A-Z0-9][A-Z0-9-]{1,11}){0,2})(?![\w-])/g;
// ISO 3779 makes the check digit (position 9) mandatory only in North America and China: after
// the word "VIN" any 17 characters of the VIN alphabet with letters and digits are a VIN.
const VIN_AFTER_WORD = /\bVIN\b\s*(?:number|no\.?|#)?\s*[:#=]?\s*([A-HJ-NPR-Z0-9]{17})\b/gi;

export const vehicle: Recognizer = {
  name: 'vehicle',
  types: ['VEHICLE'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) {
      const rules = FOREIGN_PLATE_GATE.test(text) ? [PLATE_RULE, FOREIGN_PLATE_RULE] : [PLATE_RULE];
      for (const m of rules.flatMap((r) => [...matches(r.re, text)])) {
        const [start, groupEnd] = groupSpan(m);
        let end = groupEnd;
        const value = m[1] as string;
        // A later group in lower case is the next word ("plate 8MJG931 in the garage").
        const groups = value.split(' ');
        let kept = (groups[0] as string).length;
        for (let g = 1; g < groups.length && !/[a-z]/.test(groups[g] as string); g++) kept += 1 + (groups[g] as string).length;
        end = start + kept;
        if (/\d/.test(text.slice(start, end))) sink.push('VEHICLE', start, end, 0.9);
      }
    }
    for (const { index, token } of idTokens(text)) {
      if (token.length === 17 && vinValid(token)) sink.push('VEHICLE', index, index + 17, 0.93);
    }
    if (/vin/i.test(text)) {
      for (const m of matches(VIN_AFTER_WORD, text)) {
        const vin = (m[1] as string).toUpperCase();
        if (/\d/.test(vin) && /[A-Z]/.test(vin)) {
          const [start, end] = groupSpan(m);
          sink.push('VEHICLE', start, end, 0.9);
        }
      }
    }
    if (text.includes('vehicle')) {
      pushEveryGroup(sink, 'VEHICLE', VEHICLE_WORD, text, 0.85);
    }
  },
};
