// Check-digit and format rules for identifiers that carry one. A candidate that fails its
// rule is not that identifier, which is what keeps order numbers and timestamps out.

/** Luhn (mod 10) over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 1 && sum % 10 === 0;
}

/** SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (group === '00' || serial === '0000') return false;
  return true;
}

/** ITIN (IRS): area 9XX, group 50-65, 70-88, 90-92 or 94-99; serial not 0000. */
export function itinValid(area: string, group: string, serial: string): boolean {
  if (area[0] !== '9' || serial === '0000') return false;
  const g = Number(group);
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

/** ABA routing number: 9 digits, first two a Federal Reserve range, weights 3-7-1 sum to a multiple of 10. */
export function abaValid(digits: string): boolean {
  if (!/^[0-36-8]\d{8}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * ([3, 7, 1][i % 3] as number);
  return sum % 10 === 0 && !/^(\d)\1+$/.test(digits);
}

/** NPI: 10 digits starting 1 or 2; Luhn over "80840" + the number (CMS NPI standard). */
export function npiValid(digits: string): boolean {
  return /^[12]\d{9}$/.test(digits) && luhnValid(`80840${digits}`);
}

// DEA registrant type letters in use (A-G, H-U registrants, M mid-level, P-U distributors, X suboxone).
const DEA_FIRST = /^[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}$/;

/** DEA number: 2 letters + 7 digits; (d1+d3+d5) + 2*(d2+d4+d6) ends in d7. */
export function deaValid(value: string): boolean {
  if (!DEA_FIRST.test(value)) return false;
  const d = (i: number): number => value.charCodeAt(2 + i) - 48;
  const sum = d(0) + d(2) + d(4) + 2 * (d(1) + d(3) + d(5));
  return sum % 10 === d(6);
}

// CMS Medicare Beneficiary Identifier: 11 characters, letters exclude S L O I B Z.
const MBI = /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y\d]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y\d]\d[AC-HJKMNP-RT-Y]{2}\d{2}$/;

/** MBI format, with or without the printed dashes (1EG4-TE5-MK73). */
export function mbiValid(value: string): boolean {
  return MBI.test(value.replace(/-/g, ''));
}

const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5,
  P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** VIN (ISO 3779, North American check digit in position 9). */
export function vinValid(value: string): boolean {
  if (!/^[A-HJ-NPR-Z\d]{17}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = value[i] as string;
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : (VIN_VALUES[c] ?? 0);
    sum += v * (VIN_WEIGHTS[i] as number);
  }
  const check = sum % 11;
  return value[8] === (check === 10 ? 'X' : String(check));
}

/** NHS number (and Scotland's CHI): 10 digits, weights 10..2 over the first nine, 11 - (sum mod 11) is the tenth (11 reads 0, 10 is no number). */
export function nhsNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}
