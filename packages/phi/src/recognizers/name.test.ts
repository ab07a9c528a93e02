// Name rules of the fourth recall pass (our own text): other countries' given names from
// gender-detection-from-name, kinship cues, HL7 names quoted in logs, staff logins, "its <name>".
import { describe, expect, it } from 'vitest';
import { redactPhi } from '../index.ts';

const cases: [string, string][] = [
  // given names the English lists lack, beside a listed surname, with no cue
  ['Wizyta Kacper Nowak jutro', 'Wizyta <NAME> jutro'],
  ['Consulta de Thiago Souza amanhã', 'Consulta de <NAME> amanhã'],
  // kinship words before a name, in English and other languages, capitalised or not
  ['le rendez-vous de mon fils Théo demain', 'le rendez-vous de mon fils <NAME> demain'],
  ['my son jaylen has a cough', 'my son <NAME> has a cough'],
  ['hey its tamika, running late', 'hey its <NAME>, running late'],
  // an HL7 name quoted in an interface log; a surname-first form after a weak cue
  ['bridge: PID-5 parsed as OKAFOR^DANIEL^M, PID-7 ok', 'bridge: PID-5 parsed as <NAME>^<NAME>^M, PID-7 ok'],
  ['merge candidate for Delgado, Ana (score 0.9)', 'merge candidate for <NAME> (score 0.9)'],
  // staff logins: a role prefix, a key's value of initial + surname
  ['Task WT1 handled by agent_rmendoza in 40s', 'Task WT1 handled by <NAME> in 40s'],
  ['{"user":"tnguyen","action":"export"}', '{"user":"<NAME>","action":"export"}'],
  // a speaker before a verb of speech, a weak cue (spoke to, booked), a name glossed in its script,
  // a name before the relation it names, a second given name after a surname-first form, a sign-off's role
  ['Oluwaseun said the pharmacy called', '<NAME> said the pharmacy called'],
  ['Thanks, I booked Kacper for Monday', 'Thanks, I booked <NAME> for Monday'],
  ['Min-seo Kang (강민서), DOB 1980', '<NAME> (<NAME>), DOB 1980'],
  ['Call +44 20 7946 0958 Tanaka Hiro (husband of pt)', 'Call <PHONE> <NAME> (husband of pt)'],
  ['Name: Chan, Siu Ming DOB 1950', 'Name: <NAME> DOB 1950'],
  ['thanks — Rosalind, Front Desk', 'thanks — <NAME>, Front Desk'],
];

describe('name recognizers (fourth pass)', () => {
  for (const [input, expected] of cases) it(input, () => expect(redactPhi(input)).toBe(expected));
  it('keeps words, products and cities that look like names', () => {
    expect(redactPhi('User: billing keeps asking 12')).toBe('User: billing keeps asking 12');
    expect(redactPhi('"POST /v1/login HTTP/1.1" 401 "Mozilla/5.0"')).toBe('"POST /v1/login HTTP/1.1" 401 "Mozilla/5.0"');
    expect(redactPhi('my son has a fever')).toBe('my son has a fever');
    expect(redactPhi('Mom says he fell. Support said it works')).toBe('Mom says he fell. Support said it works');
    expect(redactPhi('Flights to Sao Paulo are full')).toBe('Flights to Sao Paulo are full');
    expect(redactPhi('OBX|1|CE|80053^Comprehensive metabolic panel^C4')).toBe('OBX|1|CE|80053^Comprehensive metabolic panel^C4');
  });
});
