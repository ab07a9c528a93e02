// HL7 v2 segments (PID, NK1, PV1, IN1, GT1): the standard fixes which field holds what, so a
// field's position says it is a person's name, birth date, address, phone or identifier
// whatever its shape ("PID|1||7712034^^^LSH^MR||MARTINEZ^SOFIA||19880417|F|||..."). Field
// numbers from HL7 v2.5.1 chapters 3 and 6; the identifier type codes (PID-3.5: MR, NH, SS, DL,
// AN...) from its table 0203. Segments end at a CR (real or written "\r"), a quote, or the
// next segment's id.
import type { PhiType } from '../types.ts';
import { firstNameSet } from '../lexicons/names.ts';
import { matches, type Recognizer, type Sink } from './shared.ts';

type FieldKind = 'name' | 'date' | 'address' | 'phone' | 'id' | PhiType;

// Segment -> field number -> what it holds. "id" fields are typed by their identifier type code.
const FIELDS: Record<string, Record<number, FieldKind>> = {
  PID: { 2: 'id', 3: 'id', 4: 'id', 5: 'name', 6: 'name', 7: 'date', 9: 'name', 11: 'address', 13: 'phone', 14: 'phone', 18: 'ACCOUNT', 19: 'SSN', 20: 'LICENSE', 29: 'date' },
  NK1: { 2: 'name', 4: 'address', 5: 'phone', 6: 'phone', 30: 'name', 31: 'phone' },
  PV1: { 7: 'name', 8: 'name', 9: 'name', 17: 'name', 19: 'MRN', 44: 'date', 45: 'date' },
  IN1: { 16: 'name', 18: 'date', 19: 'address', 36: 'HEALTH_PLAN', 49: 'HEALTH_PLAN' },
  GT1: { 3: 'name', 5: 'address', 6: 'phone', 7: 'phone', 8: 'date', 12: 'SSN' },
};
const ID_TYPES: Record<string, PhiType> = { MR: 'MRN', PI: 'MRN', PT: 'MRN', VN: 'MRN', AN: 'ACCOUNT', SS: 'SSN', DL: 'LICENSE', PPN: 'LICENSE', NH: 'HEALTH_PLAN', MB: 'HEALTH_PLAN', MC: 'HEALTH_PLAN', MA: 'HEALTH_PLAN', NI: 'SSN', HC: 'HEALTH_PLAN', JHN: 'HEALTH_PLAN' };

const SEGMENT = /(?:^|[\s"]|\\r)(PID|NK1|PV1|IN1|GT1)\|/g;
const SEGMENT_END = /\r|\n|\\r|"|\s[A-Z][A-Z0-9]{2}\|/;
const HL7_GATE = /(?:PID|NK1|PV1|IN1|GT1)\|/;
const HAS_ALNUM = /[\p{L}\p{N}]/u;

function pushPart(sink: Sink, type: PhiType, start: number, value: string, confidence = 0.9): void {
  // Trim the part to its letters and digits (leading/trailing spaces and punctuation stay).
  const lead = value.search(/[\p{L}\p{N}(+]/u);
  if (lead < 0) return;
  const trimmed = value.slice(lead).replace(/[\s.,;]+$/, '');
  if (HAS_ALNUM.test(trimmed)) sink.push(type, start + lead, start + lead + trimmed.length, confidence);
}

function field(sink: Sink, kind: FieldKind, value: string, at: number): void {
  let offset = 0;
  for (const rep of value.split('~')) {
    const comps = rep.split('^');
    const compStart = (i: number) => at + offset + comps.slice(0, i).reduce((n, c) => n + c.length + 1, 0);
    switch (kind) {
      case 'name': {
        // XPN (FAMILY^GIVEN^MIDDLE) or XCN (ID^FAMILY^GIVEN^MIDDLE); the suffix, prefix and degree parts stay.
        const first = /^\d/.test(comps[0] ?? '') ? 1 : 0;
        for (let i = first; i < first + 3; i++) if (comps[i] && /\p{L}/u.test(comps[i] as string)) pushPart(sink, 'NAME', compStart(i), comps[i] as string);
        break;
      }
      case 'date': {
        const m = /^(\d{8})/.exec(comps[0] ?? '');
        if (m) sink.push('DATE', compStart(0), compStart(0) + 8, 0.9);
        break;
      }
      case 'address': {
        // XAD: street^other designation^city^state^zip^country; the state and country are not subdivisions.
        for (const i of [0, 1, 2]) if (comps[i]) pushPart(sink, 'ADDRESS', compStart(i), comps[i] as string);
        if (comps[4]) pushPart(sink, 'ZIP', compStart(4), comps[4]);
        break;
      }
      case 'phone':
        if (/\d{3}/.test(comps[0] ?? '')) pushPart(sink, 'PHONE', compStart(0), comps[0] as string);
        break;
      case 'id': {
        const code = comps[4] ?? '';
        if (comps[0] && /\d/.test(comps[0])) pushPart(sink, ID_TYPES[code] ?? 'MRN', compStart(0), comps[0]);
        break;
      }
      default:
        if (comps[0] && /\d/.test(comps[0])) pushPart(sink, kind, compStart(0), comps[0]);
    }
    offset += rep.length + 1;
  }
}

function detectHl7(text: string, sink: Sink): void {
  detectQuotedNames(text, sink);
  if (!HL7_GATE.test(text)) return;
  for (const m of matches(SEGMENT, text)) {
    const id = m[1] as string;
    const bodyStart = m.index + m[0].length;
    const rest = text.slice(bodyStart, bodyStart + 4096);
    const stop = SEGMENT_END.exec(rest);
    const body = stop ? rest.slice(0, stop.index) : rest;
    const kinds = FIELDS[id] as Record<number, FieldKind>;
    let at = bodyStart;
    body.split('|').forEach((value, i) => {
      const kind = kinds[i + 1];
      if (kind && value !== '') field(sink, kind, value, at);
      at += value.length + 1;
    });
  }
}

// An HL7 person name quoted outside its segment ("PID-5 parsed as MORALES^ESTEBAN^A", an
// interface log): FAMILY^GIVEN(^MIDDLE initial) in capitals, the given name a listed one. Ours.
const XPN_IN_TEXT = /(?<![\w^])([A-Z][A-Z'-]{1,30})\^([A-Z][A-Z'-]{1,30})(?:\^([A-Z])(?![\w]))?/g;

function detectQuotedNames(text: string, sink: Sink): void {
  if (!text.includes('^')) return;
  const first = firstNameSet();
  for (const m of matches(XPN_IN_TEXT, text)) {
    const given = m[2] as string;
    if (!first.has(given[0] + given.slice(1).toLowerCase())) continue;
    const familyEnd = m.index + (m[1] as string).length;
    sink.push('NAME', m.index, familyEnd, 0.85);
    sink.push('NAME', familyEnd + 1, familyEnd + 1 + given.length, 0.85);
  }
}

export const hl7: Recognizer = { name: 'hl7', types: ['NAME', 'DATE', 'ADDRESS', 'ZIP', 'PHONE', 'MRN', 'SSN', 'ACCOUNT', 'LICENSE', 'HEALTH_PLAN'], minDigits: 0, detect: detectHl7 };
