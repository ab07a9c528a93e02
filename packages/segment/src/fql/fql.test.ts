import { describe, expect, it } from 'vitest';
import { evaluateFql, globMatches, neverMatches, parseFql, tryParseFql } from './index.ts';

const track = (event: string, properties: Record<string, unknown> = {}) => ({ type: 'track', event, properties, context: { library: { name: 'analytics-node', version: '3.1.0' } } });

describe('FQL parser: documented examples', () => {
  const documented = [
    `type = 'track' and ( event = 'Click' or match( event, 'Button *' ) )`,
    'type = "identify"',
    'type = "track" and event = "Order Completed"',
    'context.library.version = "3.1.0"',
    'properties.product\\ 1.price > 10',
    `event in ['Signed Up', 'Logged In']`,
    `!(type = 'track')`,
    `contains(context.page.url, 'checkout')`,
    `length(properties.items) >= 2`,
    `lowercase(event) = 'click'`,
    `typeof(properties.email) = 'null'`,
    `properties.coupon != null and properties.total <= 100.5`,
    `userId = null or properties.test = true`,
  ];
  it.each(documented)('parses %s', (source) => {
    expect(tryParseFql(source)).toMatchObject({ ok: true });
  });

  it('builds the expected tree, and respects precedence (and binds tighter than or)', () => {
    expect(parseFql('a = 1 or b = 2 and c = 3')).toEqual({
      kind: 'logical',
      op: 'or',
      left: { kind: 'compare', op: '=', left: { kind: 'path', segments: ['a'] }, right: { kind: 'literal', value: 1 } },
      right: {
        kind: 'logical',
        op: 'and',
        left: { kind: 'compare', op: '=', left: { kind: 'path', segments: ['b'] }, right: { kind: 'literal', value: 2 } },
        right: { kind: 'compare', op: '=', left: { kind: 'path', segments: ['c'] }, right: { kind: 'literal', value: 3 } },
      },
    });
  });

  it('reads the match-everything condition "all"', () => {
    expect(parseFql(' all ')).toEqual({ kind: 'literal', value: true });
    expect(evaluateFql(parseFql('all'), { type: 'identify' })).toBe(true);
    expect(neverMatches(parseFql('all'))).toBeUndefined();
  });

  it('reads escaped and quoted keys', () => {
    expect(parseFql('properties.product\\ 1.price = 1')).toMatchObject({ left: { segments: ['properties', 'product 1', 'price'] } });
    expect(parseFql('properties."a.b" = 1')).toMatchObject({ left: { segments: ['properties', 'a.b'] } });
  });

  it.each([
    ['type = ', 'unexpected end'],
    [`type = 'track`, 'unterminated string'],
    ['type == "track"', 'unexpected operator'],
    ['(type = "track"', 'expected ")"'],
    ['frobnicate(event)', 'unknown function'],
    ['contains(event)', 'takes 2 arguments'],
    ['event in [properties.x]', 'literals'],
    ['', 'empty'],
    ['type = "a" #', 'unexpected character'],
    ['and = 1', 'keyword'],
  ])('rejects %j (%s)', (source, message) => {
    const result = tryParseFql(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('FQL evaluation', () => {
  it('evaluates the documented example', () => {
    const ast = parseFql(`type = 'track' and ( event = 'Click' or match( event, 'Button *' ) )`);
    expect(evaluateFql(ast, track('Click'))).toBe(true);
    expect(evaluateFql(ast, track('Button Pressed'))).toBe(true);
    expect(evaluateFql(ast, track('button pressed'))).toBe(false);
    expect(evaluateFql(ast, { type: 'identify', event: 'Click' })).toBe(false);
  });

  it('treats missing paths as null, null-safely', () => {
    expect(evaluateFql(parseFql('properties.missing = null'), track('x'))).toBe(true);
    expect(evaluateFql(parseFql('length(properties.missing) = 0'), track('x'))).toBe(true);
    expect(evaluateFql(parseFql(`match(properties.missing, '*')`), track('x'))).toBe(false);
    expect(evaluateFql(parseFql(`contains(properties.missing, 'a')`), track('x'))).toBe(false);
    expect(evaluateFql(parseFql(`typeof(properties.missing) = 'null'`), track('x'))).toBe(true);
  });

  it('needs the same type for =', () => {
    expect(evaluateFql(parseFql(`properties.n = '1'`), track('x', { n: 1 }))).toBe(false);
    expect(evaluateFql(parseFql('properties.n = 1'), track('x', { n: 1 }))).toBe(true);
    expect(evaluateFql(parseFql('properties.n != 1'), track('x', { n: 2 }))).toBe(true);
  });

  it('compares numbers, lists membership, functions', () => {
    const e = track('Order Completed', { total: 42, items: [1, 2, 3], tier: 'Gold' });
    expect(evaluateFql(parseFql('properties.total > 40 and properties.total <= 42'), e)).toBe(true);
    expect(evaluateFql(parseFql('properties.total < 40'), e)).toBe(false);
    expect(evaluateFql(parseFql(`event in ['Order Completed', 'x']`), e)).toBe(true);
    expect(evaluateFql(parseFql('length(properties.items) = 3'), e)).toBe(true);
    expect(evaluateFql(parseFql(`lowercase(properties.tier) = 'gold'`), e)).toBe(true);
    expect(evaluateFql(parseFql(`snakecase(event) = 'order_completed'`), e)).toBe(true);
    expect(evaluateFql(parseFql(`typeof(properties.items) = 'list'`), e)).toBe(true);
    expect(evaluateFql(parseFql(`!(event = 'Order Completed')`), e)).toBe(false);
    expect(evaluateFql(parseFql('properties.product\\ 1.price = 5'), { properties: { 'product 1': { price: 5 } } })).toBe(true);
  });

  it('matches globs fully and case-sensitively', () => {
    expect(globMatches('Button A', 'Button ?')).toBe(true);
    expect(globMatches('Button AB', 'Button ?')).toBe(false);
    expect(globMatches('cat', '[bc]at')).toBe(true);
    expect(globMatches('rat', '[a-c]at')).toBe(false);
    expect(globMatches('a*b', 'a\\*b')).toBe(true);
    expect(globMatches('axb', 'a\\*b')).toBe(false);
  });
});

describe('never-matches heuristics', () => {
  const plan = { eventNames: ['Appointment Booked', 'Reminder Sent'] };
  it.each([
    [`type = 'trak'`, 'type is never'],
    [`event = 'Apointment Booked'`, 'not in the tracking plan'],
    [`type = 'track' and event in ['Nope', 'Also Nope']`, 'not in the tracking plan'],
    [`type = 'track' and type = 'identify'`, 'type cannot equal two different values'],
    [`properties.email = 'a@b.example' and properties.email = 'c@d.example'`, 'properties.email cannot equal two different values'],
    [`match(event, 'Checkout *')`, 'no planned event matches'],
    [`typeof(properties.x) = 'boolean'`, 'never returns'],
    [`1 = 2`, 'always false'],
    [`event = 'Nope' or type = 'bogus'`, 'not in the tracking plan'],
  ])('%s never matches', (source, reason) => {
    expect(neverMatches(parseFql(source), plan)).toContain(reason);
  });

  it.each([
    `type = 'track' and event = 'Appointment Booked'`,
    `match(event, 'Appointment *')`,
    `event = 'Nope' or type = 'identify'`,
    `!(type = 'track')`,
    `properties.x = 1`,
  ])('%s may match', (source) => {
    expect(neverMatches(parseFql(source), plan)).toBeUndefined();
  });

  it('does not judge event names without a plan', () => {
    expect(neverMatches(parseFql(`event = 'Anything'`))).toBeUndefined();
  });
});
