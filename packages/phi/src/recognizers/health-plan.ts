// HEALTH_PLAN (Safe Harbor 9): member, subscriber, policy and Medicaid ids after their
// context word, and Medicare Beneficiary Identifiers anywhere by CMS's format (11 characters,
// letters from the MBI alphabet, which leaves out S L O I B Z; printed 1EG4-TE5-MK73).
import { mbiValid, nhsNumberValid } from '../validators.ts';
import { applyContextRule, hasIdContext, ID_SPACED, idTokens, SEP, type ContextRule } from './context-id.ts';
import { matches, pushEveryGroup, type Recognizer, type Sink } from './shared.ts';

// US payers whose name is printed before the member id on the card ("Aetna ID W187420366");
// plan words of other countries' health cards (Canada's OHIP, PHN, AHCIP; Scotland's CHI;
// Nigeria's NHIS and HMOs; Mexico's IMSS NSS; Germany's Krankenversichertennummer). Ours.
const INSURERS = '(?:Aetna|Cigna|Humana|Anthem|Kaiser|UHC|UnitedHealthcare|Molina|Ambetter|WellCare|Highmark|Centene)';
const HEALTH_PLAN_RULE: ContextRule = {
  type: 'HEALTH_PLAN',
  re: new RegExp(`\\b(?:member|subscriber|policy|insurance|medicaid|medicare|beneficiary|health plan|plan|MBI|HICN|BCBS ID|health card|insurance card|PhilHealth|tarjeta sanitaria|Versichertennummer|cart[ãa]o SUS|IMSS(?:\\s+NSS)?|OHIP|NHS)${SEP}${ID_SPACED}`, 'gi'),
  confidence: 0.9,
};
// The words added in issue 14's fourth pass, a rule of their own behind a gate (each word of an
// alternation costs on every line it runs on).
const MORE_PLAN_WORDS_RULE: ContextRule = {
  type: 'HEALTH_PLAN',
  re: new RegExp(`\\b(?:NSS|NHIS|HMO(?:\\s+card)?|PPO|Tricare(?:\\s+DBN)?|DBN|(?:BC\\s+)?PHN|AHCIP|CHI|Krankenversichertennummer|Krankenversicherungsnummer|carte vitale|${INSURERS}(?:\\s+(?:member|subscriber))?)${SEP}${ID_SPACED}`, 'gi'),
  confidence: 0.9,
};
const MORE_PLAN_WORDS_GATE = /\b(?:nss|nhis|hmo|ppo|tricare|dbn|phn|ahcip|chi|krankenversicher\w*|carte vitale|aetna|cigna|humana|anthem|kaiser|uhc|unitedhealthcare|molina|ambetter|wellcare|highmark|centene)\b/i;
// Group numbers: the 2026-12 sets label them; five characters at least ("group 1120" is a room or a count).
const GROUP_RULE: ContextRule = {
  type: 'HEALTH_PLAN',
  re: new RegExp(`\\b(?:group|grp)${SEP}((?=[A-Z-]*\\d)[A-Z0-9][A-Z0-9-]{4,24})\\b`, 'gi'),
  confidence: 0.85,
};
// 11 characters, or 13 with the two printed dashes. Lower case ("1eg4-te5-mk73", as typed into
// chat; Presidio matches ignoring case) only on a line with a Medicare word.
const MBI_LOWER = /\b[1-9][a-z][a-z0-9]\d-?[a-z][a-z0-9]\d-?[a-z]{2}\d{2}\b/g;
// NHS numbers (England, Wales; Scotland's CHI uses the same check): 10 digits, printed 3-3-4, whose
// last is a mod-11 check digit (NHS Data Dictionary). On a line that names the NHS or CHI, since
// one in eleven 10-digit numbers passes the check.
// An Ontario health card: 10 digits and the card's two-letter version code ("1234 567 890 AB").
const OHIP_NUMBER = /\bOHIP\b[\s:#]*(\d{4}[ -]?\d{3}[ -]?\d{3}[ -]?[A-Z]{2})(?![\w-])/g;
const NHS_NUMBER = /(?<![\w+.-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w-]|\.\d)/g;
const MBI_CONTEXT = /\b(?:mbi|medicare|beneficiary|hicn|cms)\b/;

export const healthPlan: Recognizer = {
  name: 'health-plan',
  types: ['HEALTH_PLAN'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) {
      applyContextRule(HEALTH_PLAN_RULE, text, sink);
      if (MORE_PLAN_WORDS_GATE.test(text)) applyContextRule(MORE_PLAN_WORDS_RULE, text, sink);
      applyContextRule(GROUP_RULE, text, sink);
      if (text.includes('OHIP')) {
        pushEveryGroup(sink, 'HEALTH_PLAN', OHIP_NUMBER, text, 0.92);
      }
      if (/\b(?:nhs|chi)\b/i.test(text)) {
        for (const m of matches(NHS_NUMBER, text)) {
          if (nhsNumberValid(m[0].replace(/[ -]/g, ''))) sink.push('HEALTH_PLAN', m.index, m.index + m[0].length, 0.93);
        }
      }
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
