// `chaperone scan` end to end: every output (six report formats, the terminal summary,
// stderr with the progress line) is free of the fixture's secrets and PHI; exit codes and
// one-line errors for bad input and bad credentials.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../cli/src/commands/scan.ts';
import { startTwin } from '@chaperone/twin';
import { createSegmentTwin } from '@chaperone/twin/segment';
import { captureIO, FIXTURE, fixturePhi, fixtureSecrets, withTwin } from './twin-scan.ts';

describe('chaperone scan', () => {
  it('--demo writes every format, and no output carries a secret or PHI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-scan-'));
    const io = captureIO({}, dir);
    const formats = ['json', 'sarif', 'junit', 'markdown', 'html', 'csv', 'ocsf'];
    const args = ['--demo', ...formats.flatMap((f) => ['--format', f, '--output', `report.${f}`])];
    const code = await run(args, io);
    expect(code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(formats.map((f) => `report.${f}`).sort());

    const outputs: Record<string, string> = { terminal: io.out, stderr: io.err };
    for (const f of formats) outputs[f] = readFileSync(join(dir, `report.${f}`), 'utf8');
    expect(io.out).toContain('fail');
    expect(io.err).toContain('Scanning');
    expect(JSON.parse(outputs.json!).findings.length).toBeGreaterThan(100);

    const secrets = fixtureSecrets();
    const phi = fixturePhi();
    expect(secrets.length).toBeGreaterThanOrEqual(13);
    expect(secrets).toContain('T000/B000/deadbeef');
    expect(secrets).toContain('sk_live_SUPERSECRET456');
    expect(phi.length).toBeGreaterThan(15);
    for (const [name, text] of Object.entries(outputs)) {
      for (const secret of secrets) expect(text.includes(secret), `${name} contains a secret`).toBe(false);
      for (const value of phi) expect(text.includes(value), `${name} contains PHI "${value}"`).toBe(false);
    }
  });

  it('a format alone goes to stdout; an unknown extension needs --format', async () => {
    const io = { ...captureIO(), stderrIsTTY: false };
    let err = '';
    io.stderr = (text: string) => void (err += text);
    let out = '';
    io.stdout = (text: string) => void (out += text);
    expect(await run(['--demo', '--format', 'json', '--quiet'], io)).toBe(1);
    expect(JSON.parse(out).scan.accounts).toHaveLength(6);
    expect(err).toBe('');

    const bad = captureIO();
    expect(await run(['--demo', '--output', 'report.txt'], bad)).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('--format');
  });

  it('--demo reads fixtures/sample-clinic.chaperone.yaml: every status shows, and the expired entry is reported', async () => {
    const io = captureIO();
    expect(await run(['--demo', '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.out) as { scan: { complete: boolean; expired: unknown[] }; findings: { control: string; status: string; account: string; resource: { sid: string } }[] };
    const statuses = new Set(report.findings.map((f) => f.status));
    for (const status of ['pass', 'fail', 'advisory', 'manual', 'attested', 'muted']) expect(statuses, status).toContain(status);
    // The twin serves every API the demo needs, so nothing is unknown unless collection broke.
    expect(statuses.has('unknown')).toBe(!report.scan.complete);
    const verdict = (control: string, account: string) => report.findings.filter((f) => f.control === control && f.account.endsWith(account)).map((f) => f.status);
    // The BAA (2023-01-01): the sandbox created in 2019 is not designated, the later projects are.
    expect(verdict('TW-ACCT-DESIGNATION', 'f001')).toEqual(['fail']);
    expect(verdict('TW-ACCT-NEW-PROJECT', 'c001')).toEqual(['pass']);
    expect(report.findings.find((f) => f.status === 'muted')).toMatchObject({ control: 'TW-HTTP-AUTH', resource: { sid: 'FW0ba1e00000000000000000000000c002' } });
    expect(verdict('SEG-WS-DESIGNATION', 'ws_sampleclinic')).toEqual(['attested']);
    // Expired: reported, and its control is manual again.
    expect(report.scan.expired).toEqual([{ kind: 'attestation', control: 'TW-RT-API-EXPLORER', expired: '2025-07-10' }]);
    expect(verdict('TW-RT-API-EXPLORER', 'b001')).toEqual(['manual']);

    const terminal = captureIO();
    await run(['--demo', '--no-progress'], terminal);
    expect(terminal.out).toContain('1 expired attestation/mute entry');
    // The terminal names the entry that no longer counts, not only how many.
    expect(terminal.out).toContain('attestation TW-RT-API-EXPLORER expired 2025-07-10');
  });

  it('--fail-on, --status and --severity: filters change what is shown, never the exit code; --fail-on does', async () => {
    const all = captureIO();
    expect(await run(['--demo', '--format', 'json'], all)).toBe(1);
    const every = (JSON.parse(all.out) as { findings: { status: string; severity: string }[] }).findings;
    const shown = captureIO();
    expect(await run(['--demo', '--format', 'json', '--status', 'advisory', '--severity', 'medium,low'], shown)).toBe(1);
    const kept = (JSON.parse(shown.out) as { findings: { status: string; severity: string }[] }).findings;
    expect(kept.length).toBe(every.filter((f) => f.status === 'advisory' && ['medium', 'low'].includes(f.severity)).length);
    expect(kept.length).toBeGreaterThan(0);
    // Only critical fails count: the demo has critical fails, so still 1; with none at info level... a threshold above every fail is 0 or 3.
    const critical = every.some((f) => f.status === 'fail' && f.severity === 'critical');
    expect(await run(['--demo', '--format', 'json', '--fail-on', 'critical'], captureIO())).toBe(critical ? 1 : 0);
    const bad = captureIO();
    expect(await run(['--demo', '--fail-on', 'advisorie'], bad)).toBe(2);
    expect(bad.err).toBe('chaperone scan: --fail-on "advisorie" is neither a status (fail, advisory, unknown, manual) nor a severity (critical, high, medium, low, info)\n');
  });

  it('--demo --config FILE replaces the demo configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-scan-'));
    writeFileSync(join(dir, 'empty.yaml'), '# nothing attested\n');
    const io = captureIO({}, dir);
    expect(await run(['--demo', '--config', 'empty.yaml', '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.out) as { scan: { expired: unknown[] }; findings: { control: string; status: string; resource: { kind: string } }[] };
    expect(report.findings.filter((f) => f.status === 'attested' || f.status === 'muted')).toEqual([]);
    // Five accounts without a BAA to judge them by, plus the attestation the control asks of a person (scan + attest).
    expect(report.findings.filter((f) => f.control === 'TW-ACCT-DESIGNATION').map((f) => f.status)).toEqual(Array(6).fill('manual'));
    expect(report.findings.filter((f) => f.control === 'TW-ACCT-DESIGNATION' && f.resource.kind === 'twilio.attestation')).toHaveLength(1);
    expect(report.scan.expired).toEqual([]);
  });

  it('exit 2 with one line for missing or rejected credentials, never echoing the token', async () => {
    const none = captureIO({});
    expect(await run([], none)).toBe(2);
    expect(none.err).toMatch(/^chaperone scan: no credentials: export TWILIO_ACCOUNT_SID .*SEGMENT_PUBLIC_API_TOKEN.*--demo`\n$/);
    const partial = captureIO({ TWILIO_AUTH_TOKEN: 'f'.repeat(32) });
    expect(await run([], partial)).toBe(2);
    expect(partial.err).toMatch(/^chaperone scan: TWILIO_ACCOUNT_SID is not set.*\n$/);

    await withTwin({}, async (twin) => {
      const io = captureIO({ TWILIO_ACCOUNT_SID: twin.master.accountSid, TWILIO_AUTH_TOKEN: 'f'.repeat(32), CHAPERONE_TWILIO_BASE_URL: twin.baseUrl });
      expect(await run(['--no-progress'], io)).toBe(2);
      expect(io.err).toMatch(/^chaperone scan: Twilio rejected the credentials \(HTTP 401\).*\n$/);
      expect(io.err).not.toContain('f'.repeat(32));

      const ok = captureIO({ TWILIO_ACCOUNT_SID: twin.master.accountSid, TWILIO_AUTH_TOKEN: twin.master.authToken });
      expect(await run(['--twilio-base-url', twin.baseUrl, '--account', 'AC0ba1e00000000000000000000000d001', '--format', 'csv'], ok)).toBe(1);
      expect(ok.out.split('\n').filter((l) => l.includes('AC0ba1e00000000000000000000000c001'))).toEqual([]);
    });
  });

  it('exit 2 with one line when Segment rejects the token, never echoing it', async () => {
    const twin = await startTwin({ fixture: FIXTURE, extensions: [createSegmentTwin()] });
    try {
      const badToken = 'sgp_rejected_' + 'x'.repeat(24);
      const io = captureIO({
        TWILIO_ACCOUNT_SID: twin.master.accountSid,
        TWILIO_AUTH_TOKEN: twin.master.authToken,
        CHAPERONE_TWILIO_BASE_URL: twin.baseUrl,
        SEGMENT_PUBLIC_API_TOKEN: badToken,
        SEGMENT_API_BASE_URL: `${twin.baseUrl}/segment`,
      });
      expect(await run(['--no-progress'], io)).toBe(2);
      expect(io.err).toMatch(/^chaperone scan: Segment rejected SEGMENT_PUBLIC_API_TOKEN \(HTTP 401\).*\n$/);
      expect(io.out + io.err).not.toContain(badToken);
    } finally {
      await twin.close();
    }
  });

  it('scans with an API key and secret, reaching every subaccount', async () => {
    await withTwin({}, async (twin) => {
      const io = captureIO({
        TWILIO_ACCOUNT_SID: 'AC0ba1e00000000000000000000000b001',
        TWILIO_API_KEY: 'SK0ba1e00000000000000000000000b001',
        TWILIO_API_SECRET: 'deadbeefdeadbeefdeadbeefsk00b001',
        CHAPERONE_TWILIO_BASE_URL: twin.baseUrl,
      });
      expect(await run(['--format', 'json', '--no-progress'], io)).toBe(1);
      const report = JSON.parse(io.out);
      expect(report.scan.accounts).toHaveLength(5);
      expect(io.out).not.toContain('deadbeefdeadbeefdeadbeefsk00b001');
    });
  });

  it('scans Segment alone when only SEGMENT_PUBLIC_API_TOKEN is set', async () => {
    const segment = createSegmentTwin();
    const twin = await startTwin({ fixture: FIXTURE, extensions: [segment] });
    try {
      const io = captureIO({ SEGMENT_PUBLIC_API_TOKEN: segment.token(), SEGMENT_API_BASE_URL: `${twin.baseUrl}/segment` });
      const code = await run(['--format', 'json', '--no-progress'], io);
      expect(io.err).toBe('');
      const report = JSON.parse(io.out) as { scan: { accounts: { platform: string }[] }; findings: { control: string; account: string }[] };
      expect(code).toBe(1);
      expect(report.scan.accounts.map((a) => a.platform)).toEqual(['segment']);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(report.findings.filter((f) => f.control.startsWith('TW-'))).toEqual([]);
      expect(io.out).not.toContain(segment.token());
    } finally {
      await twin.close();
    }
  });

  it('with a Standard API key: scans the master alone, warns once on stderr, exit 3 when nothing fails', async () => {
    const master = 'AC0ba1e00000000000000000000000a001';
    const fixtureText = `accounts:
  - sid: ${master}
    friendly_name: Standard key clinic
    auth_token: deadbeefdeadbeefdeadbeef0000a001
    api_keys:
      - sid: SK0ba1e00000000000000000000000a001
        secret: deadbeefdeadbeefdeadbeefsk00a001
      - sid: SK0ba1e00000000000000000000000a002
        secret: deadbeefdeadbeefdeadbeefsk00a002
        type: main
  - sid: AC0ba1e00000000000000000000000a002
    friendly_name: Standard key sub
    auth_token: deadbeefdeadbeefdeadbeef0000a002
    owner_account_sid: ${master}
`;
    await withTwin({ fixtureText }, async (twin) => {
      const env = (key: string, secret: string) => ({ TWILIO_ACCOUNT_SID: master, TWILIO_API_KEY: key, TWILIO_API_SECRET: secret, CHAPERONE_TWILIO_BASE_URL: twin.baseUrl });
      const standard = captureIO(env('SK0ba1e00000000000000000000000a001', 'deadbeefdeadbeefdeadbeefsk00a001'));
      const code = await run(['--format', 'json', '--no-progress'], standard);
      expect(standard.err).toBe('chaperone scan: warning: subaccounts not scanned: a Standard API key cannot list them; use a Main API key or the auth token\n');
      const report = JSON.parse(standard.out) as { scan: { complete: boolean; errors: string[]; accounts: { sid: string }[] }; findings: { status: string }[] };
      expect(report.scan.accounts.map((a) => a.sid)).toEqual([master]);
      expect(report.scan.complete).toBe(false);
      expect(report.scan.errors.filter((e) => e.includes('subaccounts not scanned'))).toHaveLength(1);
      expect(code).toBe(report.findings.some((f) => f.status === 'fail') ? 1 : 3);
      expect(standard.out + standard.err).not.toContain('deadbeefdeadbeefdeadbeef0000a002');

      const main = captureIO(env('SK0ba1e00000000000000000000000a002', 'deadbeefdeadbeefdeadbeefsk00a002'));
      await run(['--format', 'json', '--no-progress'], main);
      expect(main.err).toBe('');
      expect((JSON.parse(main.out) as { scan: { accounts: unknown[] } }).scan.accounts).toHaveLength(2);

      const wrong = captureIO(env('SK0ba1e00000000000000000000000a001', 'f'.repeat(32)));
      expect(await run(['--no-progress'], wrong)).toBe(2);
      expect(wrong.err).toMatch(/^chaperone scan: Twilio rejected the credentials \(HTTP 401\).*\n$/);
    });
  });

  it('usage errors are one line with exit 2', async () => {
    for (const args of [['--concurrency', '0'], ['--account', 'ACnope'], ['--format', 'pdf'], ['--bogus'], ['--demo', '--config', 'missing.yaml']]) {
      const io = captureIO();
      expect(await run(args, io), args.join(' ')).toBe(2);
      expect(io.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('--probe-webhooks is opt-in: the demo’s webhooks (reserved .example hosts) answer nothing, so the control is unknown, never pass or manual', async () => {
    const help = captureIO();
    expect(await run(['--help'], help)).toBe(0);
    expect(help.out).toContain('--probe-webhooks');

    const io = captureIO();
    expect(await run(['--demo', '--probe-webhooks', '--format', 'json', '--no-progress'], io)).toBe(1);
    const findings = (JSON.parse(io.out) as { findings: { control: string; status: string; evidence: string }[] }).findings.filter((f) => f.control === 'TW-WEBHOOK-SIGNATURE');
    expect(findings.length).toBeGreaterThan(5);
    expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['unknown']));
    expect(findings.some((f) => /without X-Twilio-Signature got no answer \(E[A-Z_]+\)/.test(f.evidence))).toBe(true);
    for (const secret of [...fixtureSecrets(), ...fixturePhi()]) expect(io.out + io.err, secret).not.toContain(secret);
  });
});
