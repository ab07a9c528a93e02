// The SSN recognizer's rules for other countries' person numbers and a social's last four (our own text).
import { describe, expect, it } from 'vitest';
import { redactPhi } from '../index.ts';

const cases: [string, string][] = [
  // A CPF has a version's shape (three dotted groups and a suffix): its word makes it a person's.
  ['CPF: 123.456.789-09 do titular', 'CPF: <SSN> do titular'],
  // After a JSON-escaped line break the word still starts a word.
  ['"obs: ok\\nCPF: 987.654.321-00"', '"obs: ok\\nCPF: <SSN>"'],
  ['mon numéro de sécu 1 85 05 78 006 084 36', 'mon numéro de sécu <SSN>'],
  ['Steuer-ID 12 345 678 901 liegt vor', 'Steuer-ID <SSN> liegt vor'],
  ['身份证号 440301199001011234', '身份证号 <SSN>'],
  ['マイナンバー 4321 8765 1098', 'マイナンバー <SSN>'],
  ['CURP ROAM820315MDFDRR05 en el expediente', 'CURP <SSN> en el expediente'],
  ['PAN BQRPK7721M for the refund', 'PAN <SSN> for the refund'],
  ['HKID Z654321(8) on the form', 'HKID <SSN> on the form'],
  ['last 4 SSN 5521 verified', 'last 4 SSN <SSN> verified'],
  ['what are the last 4 of your social? [caller] 8812', 'what are the last 4 of your social? [caller] <SSN>'],
];

describe('ssn recognizer: national person numbers and last four', () => {
  for (const [input, expected] of cases) it(input, () => expect(redactPhi(input)).toBe(expected));
  it('leaves a camera pan and a plain version alone', () => {
    expect(redactPhi('pan the camera left')).toBe('pan the camera left');
    expect(redactPhi('upgraded to 2.14.3-beta')).toBe('upgraded to 2.14.3-beta');
  });
});
