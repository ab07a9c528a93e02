import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@chaperone/scan';
import { controlsFor } from '@chaperone/controls';
import type { CommandIO } from '../io.ts';
import { WHO_PLACEHOLDER } from '../init/template.ts';
import { DEMO_FIXTURE } from './scan-target.ts';
import { run } from './init.ts';

const schema = JSON.parse(readFileSync(new URL('../../../scan/schema/chaperone.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);

function captureIO(cwd: string, stdin: NodeJS.ReadableStream = new PassThrough()) {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), stdin, stderrIsTTY: false, env: {}, cwd };
  return io satisfies CommandIO;
}

/** The fixture's accounts as the twin serves them: SID, creation day, auth token. */
function fixtureAccounts(): { sid: string; created?: string; token: string }[] {
  const doc = parse(readFileSync(DEMO_FIXTURE, 'utf8')) as { accounts: { sid: string; date_created?: string; auth_token: string }[] };
  return doc.accounts.map((a) => ({ sid: a.sid, token: a.auth_token, ...(a.date_created ? { created: new Date(a.date_created).toISOString().slice(0, 10) } : {}) }));
}

/** Commented-out YAML (not prose): `# ` then a key, a list item or an inner comment. */
const COMMENTED_YAML = /^# (?= *(- |[A-Za-z]+:( |$)|# ))/;

/** What a person does after init: uncomment every commented YAML line and fill in every placeholder. */
function uncommentAndFill(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(COMMENTED_YAML, ''))
    .join('\n')
    .replaceAll(WHO_PLACEHOLDER, 'Dana Ortiz <security@clinic.example>')
    .replace(/^(\s*date: )YYYY-MM-DD/m, '$12023-01-01')
    .replace(/^(\s*date: )YYYY-MM-DD/gm, '$12026-01-15')
    .replace(/^(\s*expires: )YYYY-MM-DD/gm, '$12027-01-15');
}

describe('chaperone init', () => {
  it('--demo writes every account with its creation date and every attest control, valid against the schema, claiming nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-init-'));
    const io = captureIO(dir);
    expect(await run(['--demo', '--baa-date', '2023-01-01'], io)).toBe(0);
    const text = readFileSync(join(dir, 'chaperone.yaml'), 'utf8');

    const accounts = fixtureAccounts();
    for (const account of accounts) {
      const line = text.split('\n').find((l) => l.includes(account.sid));
      expect(line, account.sid).toBeDefined();
      if (account.created) expect(line).toContain(`created ${account.created}`);
      expect(text + io.out + io.err).not.toContain(account.token);
    }
    expect(text).toContain('ws_sampleclinic');
    const attest = [...controlsFor({ platform: 'twilio', verification: 'attest' }), ...controlsFor({ platform: 'segment', verification: 'attest' })];
    expect(attest.length).toBeGreaterThan(10);
    for (const control of attest) expect(text).toContain(`- control: ${control.id}\n`);

    // As written: valid, and it claims only the BAA date the user gave.
    const written = parse(text) as object;
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    expect(written).toEqual({ baa: { date: '2023-01-01' } });
    expect(parseConfig(text, 'chaperone.yaml').attestations).toEqual([]);

    // Once a person uncomments everything and fills the placeholders, it is still valid and loads.
    const filled = uncommentAndFill(text);
    expect(JSON.stringify(parse(filled))).not.toMatch(/YYYY-MM-DD|WHO/);
    expect(validate(parse(filled)), JSON.stringify(validate.errors)).toBe(true);
    const config = parseConfig(filled, 'chaperone.yaml');
    expect(config.baa?.designatedAccounts.sort()).toEqual(accounts.map((a) => a.sid).sort());
    expect(config.attestations.map((a) => a.control).sort()).toEqual(attest.map((c) => c.id).sort());
    expect(config.segment.designatedWorkspaces).toEqual(['ws_sampleclinic']);
    expect(io.out).toMatch(/^wrote chaperone\.yaml: 5 Twilio account\(s\), the Segment workspace;/);
  });

  it('refuses to replace an existing file: one line, exit 2, the file unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-init-'));
    writeFileSync(join(dir, 'mine.yaml'), 'baa: { date: 2020-01-01 }\n');
    const io = captureIO(dir);
    expect(await run(['--demo', '--output', 'mine.yaml'], io)).toBe(2);
    expect(io.err).toBe('chaperone init: mine.yaml already exists; init never replaces it: edit it, or pass --output FILE for a new one\n');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('baa: { date: 2020-01-01 }\n');
  });

  it('without --baa-date and no terminal: a commented placeholder and a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-init-'));
    const io = captureIO(dir);
    expect(await run(['--demo'], io)).toBe(0);
    const text = readFileSync(join(dir, 'chaperone.yaml'), 'utf8');
    expect(text).toContain('#   date: YYYY-MM-DD');
    expect(parse(text)).toBeNull();
    expect(io.err).toContain('warning: no BAA date (--baa-date YYYY-MM-DD): chaperone.yaml has a placeholder for baa.date');
    expect(parseConfig(uncommentAndFill(text), 'chaperone.yaml').baa?.date).toBe('2023-01-01');
  });

  it('asks for the BAA date when stdin is a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-init-'));
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const io = captureIO(dir, stdin);
    const done = run(['--demo'], io);
    stdin.write('2024-03-01\n');
    expect(await done).toBe(0);
    expect(io.err).toContain('BAA effective date with Twilio');
    expect(parse(readFileSync(join(dir, 'chaperone.yaml'), 'utf8'))).toEqual({ baa: { date: '2024-03-01' } });
  });

  it('a bad --baa-date is one line, exit 2, and no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-init-'));
    const io = captureIO(dir);
    expect(await run(['--demo', '--baa-date', '2024-02-30'], io)).toBe(2);
    expect(io.err).toBe('chaperone init: --baa-date is not a calendar date; write the day the BAA took effect as YYYY-MM-DD, e.g. 2024-03-01\n');
    expect(existsSync(join(dir, 'chaperone.yaml'))).toBe(false);
  });

  it('bad credentials leave no file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-init-'));
    const io = captureIO(dir);
    io.env = { TWILIO_ACCOUNT_SID: 'ACxyz', TWILIO_AUTH_TOKEN: 'secret' };
    expect(await run(['--baa-date', '2023-01-01'], io)).toBe(2);
    expect(io.err).toMatch(/^chaperone init: TWILIO_ACCOUNT_SID is not an account SID.*\n$/);
    expect(existsSync(join(dir, 'chaperone.yaml'))).toBe(false);
  });
});
