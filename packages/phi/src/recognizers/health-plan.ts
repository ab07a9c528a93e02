// HEALTH_PLAN (Safe Harbor 9): member, subscriber, policy and Medicaid ids after their
// context word, and Medicare Beneficiary Identifiers anywhere by CMS's format (11 characters,
// letters from the MBI alphabet, which leaves out S L O I B Z; printed 1EG4-TE5-MK73).
import { mbiValid } from '../validators.ts';
import { applyContextRule, hasIdContext, ID, SEP, type ContextRule } from './context-id.ts';
import { before, matches, type Recognizer, type Sink } from './shared.ts';

const HEALTH_PLAN_RULE: ContextRule = {
  type: 'HEALTH_PLAN',
  re: new RegExp(`\\b(?:member|subscriber|policy|insurance|medicaid|medicare|beneficiary|health plan|plan|MBI|HICN)${SEP}${ID}`, 'gi'),
  confidence: 0.9,
};
// 11 characters, or 13 with the two printed dashes; case-insensitive like Presidio's pattern.
const MBI_TOKEN = /\b[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}\b/gi;
const MBI_CONTEXT = /\b(?:mbi|medicare|beneficiary|hicn|cms)\b/;

export const healthPlan: Recognizer = {
  name: 'health-plan',
  types: ['HEALTH_PLAN'],
  minDigits: 1,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) applyContextRule(HEALTH_PLAN_RULE, text, sink);
    for (const m of matches(MBI_TOKEN, text)) {
      const token = m[0];
      const upper = token.toUpperCase();
      if (!mbiValid(upper)) continue;
      // Lower case is how people type it into chat, but a lower-case token without dashes
      // or a Medicare word is as likely a generated id.
      if (token !== upper && !token.includes('-') && !MBI_CONTEXT.test(before(text, m.index, 30))) continue;
      sink.push('HEALTH_PLAN', m.index, m.index + token.length, 0.92);
    }
  },
};
