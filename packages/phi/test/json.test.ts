import { describe, expect, it } from 'vitest';
import { redactJson, scanJson } from '../src/index.ts';

const TASK = {
  sid: 'WT0123456789abcdef0123456789abcdef',
  date_created: '2025-06-03T14:22:09Z',
  attributes: JSON.stringify({
    patient_name: 'Lena Fischer',
    dob: '1988-11-30',
    mrn: '00912876',
    insurance_id: 'BCX449120077',
    call_sid: 'CA0123456789abcdef0123456789abcdef',
    contact: { phones: ['+14155552671'] },
  }),
  friendly_name: 'Intake queue',
};

describe('scanJson', () => {
  it('reports path and type, parsing JSON held in a string', () => {
    const hits = scanJson(TASK).map((h) => `${h.path}:${h.type}`);
    expect(hits).toEqual([
      'attributes.patient_name:NAME',
      'attributes.dob:DATE',
      'attributes.mrn:MRN',
      'attributes.insurance_id:HEALTH_PLAN',
      'attributes.contact.phones[0]:PHONE',
    ]);
  });

  it('never carries the value', () => {
    const text = JSON.stringify(scanJson(TASK));
    for (const secret of ['Lena', 'Fischer', '1988-11-30', '00912876', 'BCX449120077', '4155552671']) {
      expect(text).not.toContain(secret);
    }
  });

  it('judges a value with its key: a bare number under "mrn" is an MRN, under "count" it is not', () => {
    expect(scanJson({ mrn: 7788123, count: 7788123 })).toEqual([{ path: 'mrn', type: 'MRN', confidence: 0.9 }]);
  });

  it('keeps operational values under PHI-looking keys', () => {
    expect(scanJson({ patient_id: 'CA0123456789abcdef0123456789abcdef', dob: null })).toEqual([]);
  });

  it('names odd keys with JSON quoting', () => {
    expect(scanJson({ 'patient info': { 'e-mail': 'a@b.example' } })[0]?.path).toBe('"patient info"."e-mail"');
  });
});

describe('redactJson', () => {
  it('returns a redacted copy and leaves the input alone', () => {
    const copy = redactJson(TASK);
    expect(TASK.attributes).toContain('Lena Fischer');
    expect(copy.sid).toBe(TASK.sid);
    expect(copy.date_created).toBe(TASK.date_created);
    const attrs = JSON.parse(copy.attributes) as Record<string, unknown>;
    expect(attrs).toEqual({
      patient_name: '<NAME>',
      dob: '<DATE>',
      mrn: '<MRN>',
      insurance_id: '<HEALTH_PLAN>',
      call_sid: 'CA0123456789abcdef0123456789abcdef',
      contact: { phones: ['<PHONE>'] },
    });
  });

  it('applies the chosen style', () => {
    expect(redactJson({ mrn: 'A1234567', phone: '+14155552671' }, { style: 'mask' })).toEqual({
      mrn: '********',
      phone: '+1415555****',
    });
  });
});
