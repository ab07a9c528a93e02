// MRN (Safe Harbor 8): medical record numbers after their context word ("MRN 00482913",
// "chart #", "patient id"), and FHIR references ("Patient/884213").
import { applyContextRule, hasIdContext, ID, SEP, type ContextRule } from './context-id.ts';
import { matches, pushEveryGroup, type Recognizer, type Sink } from './shared.ts';

const MRN_RULE: ContextRule = {
  type: 'MRN',
  re: new RegExp(`\\b(?:MRN|MR#|medical record|med\\.?\\s+rec(?:ord)?|charts?|hospital\\s+(?:number|no)|record\\s+(?:number|no)|patient(?:\\s+id|\\s+#|(?=\\s+[A-Z]{0,3}-?\\d))|pt\\s+id|dossier(?:\\s+n[°º]\\.?)?|(?:your|his|her|their|patient'?s|pt'?s)\\s+file)${SEP}${ID}`, 'gi'),
  confidence: 0.95,
};
// Other numbers a provider issues for one patient: prescriptions, encounters, accessions, lab
// orders and specimens ("Rx# RX-7718234", "Encounter ENC-20261201-0043", "lab accession HEM-26-0093318").
// Epic's CSN (contact serial number) and Cerner's FIN (financial/encounter number) name one
// patient's encounter the same way.
const PROVIDER_ID_RULE: ContextRule = {
  type: 'MRN',
  re: new RegExp(`\\b(?:rx|prescription|encounter|accession|lab\\s+order|specimen|requisition|visit\\s+(?:number|no\\.?|id)|CSN|FIN)${SEP}${ID}`, 'gi'),
  confidence: 0.9,
};
const PROVIDER_ID_GATE = /\b(?:rx|prescription|encounter|accession|lab\s+order|specimen|requisition|visit\s+(?:number|no|id)|csn|fin)\b/i;
const FILE_GATE = /\b(?:your|his|her|their|patient'?s|pt'?s)\s+file\b/i;
// Rails logs of a patient record: "Couldn't find Patient with 'id'=900441", and the id
// parameter of a Patients controller action ("PatientsController#show ... {"id"=>"7730021"}").
const RAILS_PATIENT_ID = /\bPatient with '?id'?=(\d{1,12})\b|\bPatients?Controller#\w+\b[^{}\n]{0,80}\{"id"=>"(\d{1,12})"/g;
// A Japanese clinic's patient card number (診察券番号) and a Chinese or Korean chart number.
const CJK_RECORD = /(?:診察券番号|患者番号|カルテ番号|病历号|病案号|등록번호|차트번호)\s*[:：]?\s*([A-Z0-9-]{4,20})/g;
// A FHIR reference ("Patient/884213") names one patient's record.
const FHIR_PATIENT = /\bPatient\/([A-Za-z0-9.-]{1,64})\b/g;

export const mrn: Recognizer = {
  name: 'mrn',
  types: ['MRN'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    // "your file PL-552019": "file" alone is too common in logs to open every context rule.
    if (hasIdContext(text) || FILE_GATE.test(text)) applyContextRule(MRN_RULE, text, sink);
    if (PROVIDER_ID_GATE.test(text)) applyContextRule(PROVIDER_ID_RULE, text, sink);
    if (text.includes('Patient')) {
      for (const m of matches(RAILS_PATIENT_ID, text)) {
        const value = (m[1] ?? m[2]) as string;
        const start = m.index + m[0].lastIndexOf(value);
        sink.push('MRN', start, start + value.length, 0.85);
      }
    }
    if (/[番号]|등록|차트/.test(text)) {
      pushEveryGroup(sink, 'MRN', CJK_RECORD, text, 0.88);
    }
    if (text.includes('Patient/')) {
      pushEveryGroup(sink, 'MRN', FHIR_PATIENT, text, 0.85);
    }
  },
};
