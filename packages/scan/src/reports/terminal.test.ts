import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../types.ts';
import { FINDINGS, MASTER, sampleReport } from './fixtures/sample-report.ts';
import { createProgress, progressLine } from './progress.ts';
import { headline, summarize, verdictOf } from './summary.ts';
import { renderTerminalSummary } from './terminal.ts';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g;

describe('summary', () => {
  it('gives the verdict: fail beats incomplete beats pass; unknown or an incomplete account is never pass', () => {
    expect(verdictOf(sampleReport())).toBe('fail');
    const noFail = FINDINGS.filter((f) => f.status !== 'fail');
    expect(verdictOf(sampleReport(noFail))).toBe('incomplete');
    const complete = sampleReport(noFail.filter((f) => f.status !== 'unknown'));
    expect(verdictOf(complete)).toBe('incomplete');
    complete.scan.complete = true;
    expect(verdictOf(complete)).toBe('pass');
    const withUnknown = sampleReport(noFail);
    withUnknown.scan.complete = true;
    expect(verdictOf(withUnknown)).toBe('incomplete');
  });

  it('tallies products and accounts worst first and ranks failing controls by severity then count', () => {
    const summary = summarize(sampleReport());
    expect(headline(summary)).toBe('FAIL  4 failing, 1 advisory, 1 unknown, 1 manual · 3 of 4 accounts complete');
    expect(summary.byProduct.map((t) => [t.label, t.counts.fail, t.counts.unknown])).toEqual([
      ['General (all Twilio products)', 3, 0],
      ['Twilio Segment', 1, 0],
      ['Programmable Voice and SIP', 0, 1],
    ]);
    expect(summary.byAccount.map((a) => a.sid)).toEqual([
      MASTER,
      'ws_clinic_prod',
      'AC00000000000000000000000000000002',
      'AC00000000000000000000000000000003',
    ]);
    expect(summary.failingControls.map((f) => [f.control, f.count, f.severity])).toEqual([
      ['TW-HTTPS', 3, 'high'],
      ['SEG-DEST-BAA', 1, 'medium'],
    ]);
  });

  it('counts an account that has findings but is missing from scan.accounts, as incomplete', () => {
    const stray: Finding = { ...FINDINGS[0]!, account: 'AC000000000000000000000000000000FF' };
    const summary = summarize(sampleReport([stray]));
    const account = summary.byAccount.find((a) => a.sid === stray.account);
    expect(account?.complete).toBe(false);
    expect(summary.accountsTotal).toBe(5);
  });
});

describe('terminal summary', () => {
  it('without colour: verdict first, counts, tables, what to fix; no escape sequence at all', () => {
    const text = renderTerminalSummary(sampleReport(), { color: false, width: 100 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('FAIL  4 failing, 1 advisory, 1 unknown, 1 manual · 3 of 4 accounts complete');
    expect(text).toContain('fail 4   advisory 1   unknown 1   manual 1   attested 1   muted 1   pass 2');
    expect(text).toMatch(/By product +fail +advisory +unknown +manual +attested +muted +pass/);
    expect(text).toMatch(/General \(all Twilio products\) +3 +1 +0 +1 +1 +0 +1/);
    expect(text).toMatch(/AC0000…000003 \(incomplete\) +0 +0 +1 +0 +0 +0 +0/);
    expect(text).toMatch(/Fix first\n {2}TW-HTTPS +3 +high +Change every webhook/);
    expect(text).toContain('1 collection error:');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('with colour: same text under the ANSI codes', () => {
    const colored = renderTerminalSummary(sampleReport(), { color: true, width: 80 });
    expect(colored).toMatch(ANSI);
    expect(colored.replace(ANSI, '').split('\n')[0]).toBe(' FAIL   4 failing, 1 advisory, 1 unknown, 1 manual · 3 of 4 accounts complete');
  });

  it('never lets a value write escape sequences to the terminal', () => {
    const hostile: Finding = {
      ...FINDINGS[0]!,
      remediation: 'fix \u001B]0;title\u0007 \u001B[2J now',
    };
    const report = sampleReport([hostile]);
    report.scan.accounts[0]!.friendlyName = 'evil\u001B[31m name';
    report.scan.errors = ['boom \u001B[1A'];
    for (const color of [false, true]) {
      const text = renderTerminalSummary(report, { color, width: 200 }).replace(ANSI, '');
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    }
  });

  it('without a width (stdout not a terminal) cuts nothing: the header keeps its throttle count, fixes stay whole', () => {
    const report = sampleReport();
    const text = renderTerminalSummary(report, { color: false });
    expect(text.split('\n')[1]).toMatch(/requests, \d+ throttled$/);
    const fixes = summarize(report).failingControls.map((f) => f.remediation);
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) expect(text).toContain(fix);
    expect(text).not.toContain('…');
  });

  it('cuts to a terminal width only at a word boundary', () => {
    const report = sampleReport();
    const error = 'Configure every callback endpoint with https and validate X-Twilio-Signature on each request received';
    report.scan.errors = [error];
    const text = renderTerminalSummary(report, { color: false, width: 60 });
    const row = text.split('\n').find((l) => l.startsWith('  Configure'))!;
    expect(row.length).toBeLessThanOrEqual(60);
    expect(row.endsWith('…')).toBe(true);
    // Every word shown is a whole word of the message.
    const words = error.split(' ');
    for (const word of row.slice(0, -1).trim().split(' ')) expect(words).toContain(word);
  });

  it('says PASS only for a complete scan with nothing failing or unknown', () => {
    const report = sampleReport(FINDINGS.filter((f) => ['pass', 'attested'].includes(f.status)));
    report.scan.complete = true;
    report.scan.accounts = report.scan.accounts.map((a) => ({ ...a, complete: true }));
    report.scan.errors = [];
    expect(renderTerminalSummary(report, { color: false }).split('\n')[0]).toBe('PASS  0 failing, 0 advisory, 0 unknown, 0 manual · 4 of 4 accounts complete');
  });
});

describe('progress line', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const stats = (accountsDone: number, requests: number) => ({ accountsDone, accountsTotal: 4, requests, throttled: 2 });

  it('is completely silent when not a TTY', () => {
    const writes: string[] = [];
    const progress = createProgress({ write: (s) => writes.push(s), isTTY: false });
    for (let i = 0; i < 50; i++) progress.update(stats(1, i));
    vi.advanceTimersByTime(1000);
    progress.done();
    expect(writes).toEqual([]);
  });

  it('off a TTY with lines: one plain line every 5 s with the latest numbers, also while no update comes, none after done', () => {
    const writes: string[] = [];
    const progress = createProgress({ write: (s) => writes.push(s), isTTY: false, lines: true });
    vi.advanceTimersByTime(4999);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['Scanning: listing accounts · 5 s\n']);
    for (let i = 0; i < 50; i++) progress.update(stats(1, i));
    // A hanging endpoint sends no update: the line still comes.
    vi.advanceTimersByTime(10_000);
    expect(writes.slice(1)).toEqual(['Scanning: 1/4 accounts · 49 requests · 2 throttled · 10 s\n', 'Scanning: 1/4 accounts · 49 requests · 2 throttled · 15 s\n']);
    progress.done();
    vi.advanceTimersByTime(60_000);
    expect(writes).toHaveLength(3);
    for (const w of writes) expect(w.includes('\r') || w.includes('\u001B')).toBe(false);
  });

  it('rewrites one line, at most ten times a second, shows the last numbers, and erases itself', () => {
    const writes: string[] = [];
    const progress = createProgress({ write: (s) => writes.push(s), isTTY: true });
    progress.update(stats(0, 1));
    expect(writes).toEqual([`\r\u001B[2K${progressLine(stats(0, 1))}`]);
    for (let i = 2; i <= 100; i++) progress.update(stats(1, i));
    expect(writes).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toBe('\r\u001B[2KScanning: 1/4 accounts · 100 requests · 2 throttled');
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(10);
      progress.update(stats(2, 100 + i));
    }
    expect(writes.length).toBeLessThanOrEqual(3);
    progress.done();
    expect(writes.at(-1)).toBe('\r\u001B[2K');
    const count = writes.length;
    progress.update(stats(4, 500));
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(count);
    for (const w of writes) expect(w).not.toContain('\n');
  });

  it('cuts the line to the terminal width so it never wraps', () => {
    const writes: string[] = [];
    const progress = createProgress({ write: (s) => writes.push(s), isTTY: true, columns: 30 });
    progress.update({ accountsDone: 123456, accountsTotal: 999999, requests: 123456789, throttled: 5 });
    expect(writes[0]!.replace('\r\u001B[2K', '').length).toBeLessThanOrEqual(29);
    progress.done();
  });
});
