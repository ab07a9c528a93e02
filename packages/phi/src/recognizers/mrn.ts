// MRN (Safe Harbor 8): medical record numbers after their context word ("MRN 00482913",
// "chart #", "patient id"), and FHIR references ("Patient/884213").
import { applyContextRule, hasIdContext, ID, SEP, type ContextRule } from './context-id.ts';
import { groupSpan, matches, type Recognizer, type Sink } from './shared.ts';

const MRN_RULE: ContextRule = {
  type: 'MRN',
  re: new RegExp(`\\b(?:MRN|MR#|medical record|charts?|hospital\\s+(?:number|no)|record\\s+(?:number|no)|patient(?:\\s+id|\\s+#|(?=\\s+[A-Z]{0,3}-?\\d))|pt\\s+id)${SEP}${ID}`, 'gi'),
  confidence: 0.95,
};
// Other numbers a provider issues for one patient: prescriptions, encounters, accessions, lab
// orders and specimens ("Rx# RX-7718234", "Encounter ENC-20261201-0043", "lab accession HEM-26-0093318").
const PROVIDER_ID_RULE: ContextRule = {
  type: 'MRN',
  re: new RegExp(`\\b(?:rx|prescription|encounter|accession|lab\\s+order|specimen|requisition|visit\\s+(?:number|no|id))${SEP}${ID}`, 'gi'),
  confidence: 0.9,
};
const PROVIDER_ID_GATE = /\b(?:rx|prescription|encounter|accession|lab\s+order|specimen|requisition|visit\s+(?:number|no|id))\b/i;
// A FHIR reference ("Patient/884213") names one patient's record.
const FHIR_PATIENT = /\bPatient\/([A-Za-z0-9.-]{1,64})\b/g;

export const mrn: Recognizer = {
  name: 'mrn',
  types: ['MRN'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) applyContextRule(MRN_RULE, text, sink);
    if (PROVIDER_ID_GATE.test(text)) applyContextRule(PROVIDER_ID_RULE, text, sink);
    if (text.includes('Patient/')) {
      for (const m of matches(FHIR_PATIENT, text)) {
        const [start, end] = groupSpan(m);
        sink.push('MRN', start, end, 0.85);
      }
    }
  },
};
