// Vehicle, health-plan, record-number and licence rules of the fourth recall pass (our own text):
// each case fails without its rule.
import { describe, expect, it } from 'vitest';
import { redactPhi } from '../index.ts';

const cases: [string, string][] = [
  // vehicle: plate words of other languages, plates in up to three groups, VINs after their word
  ['Kennzeichen M-XY 1234 am Parkplatz', 'Kennzeichen <VEHICLE> am Parkplatz'],
  ['matrícula 1234 BCD', 'matrícula <VEHICLE>'],
  ['plaque AB-123-CD', 'plaque <VEHICLE>'],
  ['her plate WX 7712 QP at the curb', 'her plate <VEHICLE> at the curb'],
  ['van plate NY 8812KT.', 'van plate <VEHICLE>.'],
  ['ambulance vehicle BOS T-77120-A late', 'ambulance vehicle <VEHICLE> late'],
  ['VIN WVWZZZ1JZXW000001 (European, no check digit)', 'VIN <VEHICLE> (European, no check digit)'],
  // health plan: NHS/CHI numbers by their mod-11 check, payers' names, other countries' cards
  ['NHS referral for Ann Lee 943 476 5919', 'NHS referral for <NAME> <HEALTH_PLAN>'],
  ['GET /nhs/patients/4010232137', 'GET /nhs/patients/<HEALTH_PLAN>'],
  ['Cigna ID U44019283 on the card', 'Cigna ID <HEALTH_PLAN> on the card'],
  ['OHIP 9876-543-210-XY please', 'OHIP <HEALTH_PLAN> please'],
  ['BC PHN 9 123 456 789', 'BC PHN <HEALTH_PLAN>'],
  ['my HMO card AXA/7781/2209 expired', 'my HMO card <HEALTH_PLAN> expired'],
  ['IMSS NSS 1234-56-7890-1', 'IMSS NSS <HEALTH_PLAN>'],
  // record numbers: Epic CSN, Cerner FIN, "visit no.", a dossier, Rails logs, a Japanese card number
  ['CSN 5500123456 for the ED visit', 'CSN <MRN> for the ED visit'],
  ['visit no. V-2025-001122', 'visit no. <MRN>'],
  ['son dossier n° AB-123456', 'son dossier n° <MRN>'],
  ["Couldn't find Patient with 'id'=123456", "Couldn't find Patient with 'id'=<MRN>"],
  ['診察券番号 0012345', '診察券番号 <MRN>'],
  ['Your file KR-771203 was sent to the lab', 'Your file <MRN> was sent to the lab'],
  // licences: the issuing state between the words and the number, other languages' licences and passports
  ["Driver's license NY K1234567 on file", "Driver's license NY <LICENSE> on file"],
  ['Führerschein-Nr. J010000SD51', 'Führerschein-Nr. <LICENSE>'],
  ['licencia de conducir B98765432', 'licencia de conducir <LICENSE>'],
  ['US passport card C12345678', 'US passport card <LICENSE>'],
  ['护照号码 G12345678', '护照号码 <LICENSE>'],
  ['{"state_license":"RN-551203"}', '{"state_license":"<LICENSE>"}'],
];

describe('identifier rules (vehicle, health plan, MRN, licence)', () => {
  for (const [input, expected] of cases) it(input, () => expect(redactPhi(input)).toBe(expected));
  it('keeps counts and check-failing numbers', () => {
    expect(redactPhi('vehicle 2 arrived')).toBe('vehicle 2 arrived');
    expect(redactPhi('the fin 2 of the fish')).toBe('the fin 2 of the fish');
    // 10 digits that fail the NHS check are no NHS number
    expect(redactPhi('batch 6541237890 sent to the NHS')).toBe('batch 6541237890 sent to the NHS');
  });
});
