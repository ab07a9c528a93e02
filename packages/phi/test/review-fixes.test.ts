// Defects a reviewer found (issue 5): person dates under operational-looking timestamps,
// name parts in nested JSON, ages over 89, lower-case and compound names, cities with states.
import { describe, expect, it } from 'vitest';
import { detectPhi } from '../src/index.ts';
import { redactJson, redactPhi, scanJson } from '../src/index.ts';
import type { PhiType } from '../src/types.ts';

function found(text: string): [PhiType, string][] {
  return detectPhi(text).map((h) => [h.type, text.slice(h.start, h.end)]);
}

describe('person-date keys beat the ISO-timestamp exemption', () => {
  const line = '{"dob":"1980-02-01T00:00:00Z","birthDate":"1980-02-01T00:00:00.000Z","admitted_at":"2024-01-05T10:00:00Z"}';

  it('redacts birth and admission timestamps in a JSON line (the CLI path)', () => {
    expect(redactPhi(line)).toBe('{"dob":"<DATE>","birthDate":"<DATE>","admitted_at":"<DATE>"}');
  });

  it('redacts them in scanJson / redactJson, including FHIR and discharge/death spellings', () => {
    const record = {
      dob: '1980-02-01T00:00:00Z',
      birthDate: '1980-02-01T00:00:00.000Z',
      admitted_at: '2024-01-05T10:00:00Z',
      dischargeTime: '2024-01-09 16:30:00',
      deceasedDateTime: '2024-02-01T08:00:00+01:00',
      date_of_service: '2024-01-05T10:00:00Z',
    };
    expect(scanJson(record).map((h) => `${h.path}:${h.type}`)).toEqual([
      'dob:DATE', 'birthDate:DATE', 'admitted_at:DATE', 'dischargeTime:DATE', 'deceasedDateTime:DATE', 'date_of_service:DATE',
    ]);
    expect(Object.values(redactJson(record))).toEqual(Array(6).fill('<DATE>'));
  });

  it('redacts them in key=value text and after a birth/admission word in prose', () => {
    expect(redactPhi('dob=1980-02-01T00:00:00Z admitted_at=2024-01-05T10:00:00Z')).toBe('dob=<DATE> admitted_at=<DATE>');
    expect(redactPhi('patient admitted at 2024-01-05T10:00:00Z')).toBe('patient admitted at <DATE>');
  });

  it('leaves timestamps under operational keys and in plain log prose untouched', () => {
    const ops = {
      date_created: '2024-01-05T10:00:00Z', timestamp: '2024-01-05T10:00:00Z', updated_at: '2024-01-05T10:00:00Z',
      created: '2024-01-05T10:00:00Z', time: '2024-01-05T10:00:00.123Z', service: '2024-01-05T10:00:00Z',
      service_time: '2024-01-05T10:00:00Z',
    };
    expect(scanJson(ops)).toEqual([]);
    expect(redactJson(ops)).toEqual(ops);
    const text = 'date_created=2024-01-05T10:00:00Z job finished at 2024-01-05T10:00:00Z updated_at: "2024-01-05T10:00:00Z"';
    expect(redactPhi(text)).toBe(text);
  });
});

describe('name parts in nested JSON take their parent as context', () => {
  it('judges patient.first / patient.last inside a TaskRouter attributes string', () => {
    const task = { attributes: JSON.stringify({ patient: { first: 'Ann', last: 'Lee' }, member: { name: 'Bo Diddley' }, guarantor: { given: 'Zed' } }) };
    expect(scanJson(task).map((h) => `${h.path}:${h.type}`)).toEqual([
      'attributes.patient.first:NAME', 'attributes.patient.last:NAME', 'attributes.member.name:NAME', 'attributes.guarantor.given:NAME',
    ]);
    const out = JSON.parse(redactJson(task).attributes) as { patient: { first: string; last: string } };
    expect(out.patient).toEqual({ first: '<NAME>', last: '<NAME>' });
  });

  it('counts a standalone given + family pair, FHIR HumanName included', () => {
    expect(scanJson({ first: 'Ann', last: 'Lee' }).map((h) => h.path)).toEqual(['first', 'last']);
    expect(scanJson({ resourceType: 'Patient', name: [{ family: 'Lee', given: ['Ann'] }] }).map((h) => h.path)).toEqual([
      'name[0].family', 'name[0].given[0]',
    ]);
  });

  it('does the same in text: the JSON line through the line redactor', () => {
    expect(redactPhi('{"attributes":"{\\"patient\\":{\\"first\\":\\"Ann\\",\\"last\\":\\"Lee\\"}}"}')).toBe(
      '{"attributes":"{\\"patient\\":{\\"first\\":\\"<NAME>\\",\\"last\\":\\"<NAME>\\"}}"}',
    );
  });

  it('leaves first/last/name keys of non-person objects alone', () => {
    const ops = { page: { first: 'Alpha', next: 'Beta' }, client: { name: 'Twilio Node' }, queue: { first: 'Intake' }, range: { first: 1, last: 9 } };
    expect(scanJson(ops)).toEqual([]);
    expect(redactPhi('{"page":{"first":"Alpha","next":"Beta"}}')).toBe('{"page":{"first":"Alpha","next":"Beta"}}');
  });
});

describe('ages over 89 (AGE) and birth years that tell one', () => {
  it('finds "age 93", "93 y/o", "93-year-old", "93 years old" and an age key', () => {
    const text = 'age 93; 93 y/o; a 93-year-old; 101 years old';
    // The number only: the unit says nothing once the number is gone (issue 14).
    expect(found(text)).toEqual([['AGE', '93'], ['AGE', '93'], ['AGE', '93'], ['AGE', '101']]);
    expect(scanJson({ patient: { age: 93 } })).toEqual([{ path: 'patient.age', type: 'AGE', confidence: 0.9 }]);
    expect(redactPhi('{"age": 93}')).toBe('{"age": <AGE>}');
  });

  it('finds a birth year only when it tells an age over 89', () => {
    expect(found('born 1931 in Ohio')).toContainEqual(['DATE', '1931']);
    expect(found('born 1980, doing well')).toEqual([]);
  });

  it('leaves younger ages, durations and non-age numbers alone', () => {
    for (const text of ['age 45', '45 y/o', 'retention 93 years', 'max_age=120', 'error 93', 'page 93 of 120', '{"age": 45}', 'invoices aged 90 days', 'cache age 120s', 'age: 100%']) {
      expect(found(text), text).toEqual([]);
    }
    expect(scanJson({ age: 45, max_age: 3600 })).toEqual([]);
  });
});

describe('names the reviewer saw missed', () => {
  it('lower-case names after a title', () => {
    expect(found('seen by dr. yuki tanaka today')).toContainEqual(['NAME', 'yuki tanaka']);
    expect(found('dr. appointment moved to monday')).toEqual([]);
    expect(found('took 45 ms. excel export retried')).toEqual([]);
  });

  it('apostrophes and hyphens in surnames, lower and title case', () => {
    expect(found("patient jose o'brien-lopez")).toContainEqual(['NAME', "jose o'brien-lopez"]);
    expect(found("Patient Jose O'Brien-Lopez called")).toContainEqual(['NAME', "Jose O'Brien-Lopez"]);
  });

  it('a surname that is also a place after a clear first name and context', () => {
    expect(found('Patient: DeShawn Washington')).toEqual([['NAME', 'DeShawn Washington']]);
    expect(found('Dr. Maria King will call')).toContainEqual(['NAME', 'Maria King']);
    // Without context the place stays a place, and organisations stay organisations.
    expect(found('Deploy to Washington region')).toEqual([]);
    expect(found('Patient moved to Mercy Hospital')).toEqual([]);
  });
});

describe('cities with their state (ADDRESS)', () => {
  it('"City, ST" and "in/from City, State"', () => {
    expect(found('lives in Springfield, IL')).toEqual([['ADDRESS', 'Springfield, IL']]);
    expect(found('Chicago, IL 60614')).toEqual([['ADDRESS', 'Chicago, IL'], ['ZIP', '60614']]);
    expect(found('moved from Dayton, Ohio last year')).toEqual([['ADDRESS', 'Dayton, Ohio']]);
  });

  it('leaves operational text and English look-alike codes alone', () => {
    for (const text of ['region us-east-1, Region: US', 'Thanks, OK', 'Status, IN progress', 'Error, CA bundle missing', 'Hello, Ohio team', 'edge=ashburn, US']) {
      expect(found(text), text).toEqual([]);
    }
  });
});
