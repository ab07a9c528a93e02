// HEALTH_PLAN (Safe Harbor 9): member, subscriber, policy and Medicaid ids after their
// context word, and Medicare Beneficiary Identifiers anywhere by CMS's format (11 characters,
// letters from the MBI alphabet, which leaves out S L O I B Z; printed 1EG4-TE5-MK73).
import { mbiValid } from '../validators.ts';
import { applyContextRule, hasIdContext, ID_SPACED, idTokens, SEP, type ContextRule } from './context-id.ts';
import { matches, type Recognizer, type Sink } from './shared.ts';

const HEALTH_PLAN_RULE: ContextRule = {
  type: 'HEALTH_PLAN',
  re: new RegExp(`\\b(?:member|subscriber|policy|insurance|medicaid|medicare|beneficiary|health plan|plan|MBI|HICN|BCBS ID|health card|insurance card|PhilHealth|tarjeta sanitaria|Versichertennummer|cart[ãa]o SUS|IMSS|OHIP|NHS)${SEP}${ID_SPACED}`, 'gi'),
  confidence: 0.9,
};
// Group numbers: the 2026-12 sets label them; five characters at least ("group 1120" is a room or a count).
const GROUP_RULE: ContextRule = {
  type: 'HEALTH_PLAN',
  re: new RegExp(`\\b(?:group|grp)${SEP}((?=[A-Z-]*\\d)[A-Z0-9][A-Z0-9-]{4,24})\\b`, 'gi'),
  confidence: 0.85,
};
// 11 characters, or 13 with the two printed dashes. Lower case ("1eg4-te5-mk73", as typed into
// chat; Presidio matches ignoring case) only on a line with a Medicare word.
const MBI_LOWER = /\b[1-9][a-z][a-z0-9]\d-?[a-z][a-z0-9]\d-?[a-z]{2}\d{2}\b/g;
const MBI_CONTEXT = /\b(?:mbi|medicare|beneficiary|hicn|cms)\b/;

export const healthPlan: Recognizer = {
  name: 'health-plan',
  types: ['HEALTH_PLAN'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) {
      applyContextRule(HEALTH_PLAN_RULE, text, sink);
      applyContextRule(GROUP_RULE, text, sink);
    }
    for (const { index, token } of idTokens(text)) {
      if ((token.length === 11 || token.length === 13) && mbiValid(token)) sink.push('HEALTH_PLAN', index, index + token.length, 0.92);
    }
    if (hasIdContext(text) && MBI_CONTEXT.test(text.toLowerCase())) {
      for (const m of matches(MBI_LOWER, text)) {
        if (mbiValid(m[0].toUpperCase())) sink.push('HEALTH_PLAN', m.index, m.index + m[0].length, 0.9);
      }
    }
  },
};
