// Address rules of the fourth recall pass (our own text): the town beside a postcode, street
// types written with a capital or abbreviated, flats after the number.
import { describe, expect, it } from 'vitest';
import { redactPhi } from '../index.ts';

const cases: [string, string][] = [
  // the town after a European postcode, before a British, North American or Japanese one
  ['Adresse: Gartenweg 3, 04109 Leipzig', 'Adresse: <ADDRESS>, <ZIP> <ADDRESS>'],
  ['sent to 4 Rue Victor Hugo, 69002 Lyon.', 'sent to <ADDRESS>, <ZIP> <ADDRESS>.'],
  ['Address: 8 Castle Street, Cardiff CF10 1BS', 'Address: <ADDRESS>, <ADDRESS> <ZIP>'],
  ['HC 12 Box 88, Kayenta AZ 86033', 'HC 12 Box 88, <ADDRESS> AZ <ZIP>'],
  ['Rua das Flores 10, 4050-262 Porto', '<ADDRESS>, <ZIP> <ADDRESS>'],
  // street types: abbreviated (Hauptstr., Av.), capitalised (Rue), number-first Calle, flats (m. 4, 2º A)
  ['Adresse: Bahnhofstr. 7, 80335 München', 'Adresse: <ADDRESS>, <ZIP> <ADDRESS>'],
  ['Dirección: Av. Reforma 222, 06600 Ciudad de México', 'Dirección: <ADDRESS>, <ZIP> <ADDRESS>'],
  ['adres: ul. Polna 12/4 m. 9, 00-635 Warszawa', 'adres: <ADDRESS>, <ZIP> <ADDRESS>'],
  ['moved to 45 Calle Sol, Ponce PR 00730', 'moved to <ADDRESS> PR <ZIP>'],
];

describe('address recognizer: towns beside postcodes, more street forms', () => {
  for (const [input, expected] of cases) it(input, () => expect(redactPhi(input)).toBe(expected));
  it('a common word after a postcode is no town', () => {
    expect(redactPhi('our address is 12 Elm Road, Houston 77036 Thanks')).toBe('our address is <ADDRESS> <ZIP> Thanks');
  });
});
