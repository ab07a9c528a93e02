import { describe, expect, it } from 'vitest';
import { selectColumns } from './columns.ts';

describe('selectColumns', () => {
  it.each([
    ['SELECT * FROM ehr.patients', { kind: 'star', columns: [] }],
    ['select p.*, a.visit_id from p join a on true', { kind: 'star', columns: ['visit_id'] }],
    ['SELECT clinic_id, clinic_name FROM analytics.clinics', { kind: 'columns', columns: ['clinic_id', 'clinic_name'] }],
    ['SELECT user_id, max(visited_at) AS last_visit_at FROM v GROUP BY user_id', { kind: 'columns', columns: ['user_id', 'last_visit_at'] }],
    ['SELECT p.patient_id, p."Email" e FROM p', { kind: 'columns', columns: ['patient_id', 'e'] }],
    ['WITH x AS (SELECT * FROM t) SELECT a, coalesce(b, c) AS d FROM x', { kind: 'columns', columns: ['a', 'd'] }],
    ['SELECT DISTINCT a -- note, b\n , b FROM t WHERE c IN (1, 2)', { kind: 'columns', columns: ['a', 'b'] }],
  ])('%s', (sql, expected) => {
    expect(selectColumns(sql)).toEqual(expected);
  });

  it('says when it cannot name a column or the text is not a SELECT', () => {
    expect(selectColumns('SELECT count(*) FROM t')).toMatchObject({ kind: 'unparsed' });
    expect(selectColumns('DELETE FROM t')).toEqual({ kind: 'unparsed', reason: 'not a SELECT statement' });
  });
});
