// The plugin in the real Twilio CLI (npm package twilio-cli, which loads plugins with
// @oclif/core 1): linked with `twilio plugins:link`, HOME in a temp directory holding a
// twilio-cli profile with the twin's master account (its Main API key), every request
// sent to the twin. `twilio chaperone:scan` must answer what `chaperone scan` answers.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwin, type Twin } from '@chaperone/twin';
import { buildOnce } from '../../cli/test/build-once.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const plugin = fileURLToPath(new URL('../', import.meta.url));
const twilioBin = join(repo, 'node_modules/twilio-cli/bin/run');
const chaperoneBin = join(repo, 'packages/cli/bin/chaperone.js');
const FIXTURE = join(repo, 'fixtures/sample-clinic.yaml');

interface FixtureAccount {
  sid: string;
  auth_token: string;
  api_keys?: { sid: string; secret: string; type: string }[];
}
const master = (parse(readFileSync(FIXTURE, 'utf8')) as { accounts: FixtureAccount[] }).accounts[0]!;
const mainKey = master.api_keys!.find((k) => k.type === 'main')!;

let twin: Twin;
let home: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with no TWILIO_* variable of ours: the profile is the only source of credentials. */
function exec(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, TWILIO_DISABLE_AUTOUPDATE: 'true', TWILIO_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1', ...options.env };
  for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'TWILIO_CONFIG_DIR', 'TWILIO_DATA_DIR', 'TWILIO_CACHE_DIR']) if (!options.env?.[name]) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [command, ...args], { env, cwd: home });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const twilio = (args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv }) => exec(twilioBin, args, options);

/** A report without what differs between two runs of the same scan (times). */
function stable(json: string): unknown {
  const report = JSON.parse(json) as { scan: Record<string, unknown>; findings: unknown[] };
  const { started: _s, finished: _f, ...scan } = report.scan;
  return { scan, findings: report.findings };
}

describe('twilio chaperone:* in the real twilio CLI', () => {
  beforeAll(async () => {
    await buildOnce(repo);
    twin = await startTwin({ fixture: FIXTURE });
    home = mkdtempSync(join(tmpdir(), 'chaperone-twilio-cli-'));
    mkdirSync(join(home, '.twilio-cli'));
    // twilio-cli's own config file: one profile, active, holding the master's Main API key.
    writeFileSync(
      join(home, '.twilio-cli/config.json'),
      JSON.stringify({ profiles: { clinic: { accountSid: master.sid, apiKey: mainKey.sid, apiSecret: mainKey.secret } }, activeProject: 'clinic' }),
    );
    const link = await twilio(['plugins:link', plugin]);
    expect(link.stderr).toContain('linking plugin @chaperone/twilio-cli-plugin... done');
    expect(link.status).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await twin?.close();
  });

  it('scans the profile account with chaperone scan flags: the same report and exit code as chaperone scan', async () => {
    const viaTwilio = await twilio(['chaperone:scan', '--twilio-base-url', twin.baseUrl, '--format', 'json', '--no-progress', '--no-ledger']);
    expect(viaTwilio.stderr).toBe('');
    expect(viaTwilio.status).toBe(1);
    const direct = await exec(chaperoneBin, ['scan', '--twilio-base-url', twin.baseUrl, '--format', 'json', '--no-progress', '--no-ledger'], {
      env: { TWILIO_ACCOUNT_SID: master.sid, TWILIO_API_KEY: mainKey.sid, TWILIO_API_SECRET: mainKey.secret },
    });
    expect(direct.status).toBe(1);
    expect(stable(viaTwilio.stdout)).toEqual(stable(direct.stdout));
    expect((JSON.parse(viaTwilio.stdout) as { scan: { accounts: unknown[] } }).scan.accounts).toHaveLength(5);
    for (const secret of [mainKey.secret, master.auth_token]) expect(viaTwilio.stdout + viaTwilio.stderr).not.toContain(secret);
  }, 120_000);

  it("keeps chaperone's exit codes: a bad flag is one line and 2, a scan narrowed to a clean filter still counts every finding", async () => {
    const bad = await twilio(['chaperone:scan', '--twilio-base-url', twin.baseUrl, '--concurrency', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('chaperone scan: --concurrency "many" must be a whole number >= 1\n');
    const filtered = await twilio(['chaperone:scan', '--twilio-base-url', twin.baseUrl, '--status', 'pass', '--format', 'json', '--no-progress']);
    expect(filtered.status).toBe(1);
  }, 120_000);

  it("a profile that does not exist: twilio-cli's own message, and chaperone's exit 2", async () => {
    const missing = await twilio(['chaperone:scan', '-p', 'nobody', '--twilio-base-url', twin.baseUrl]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/Could not find profile "nobody"/);
    expect(missing.stdout).toBe('');
  }, 60_000);

  it('redacts stdin like chaperone redact', async () => {
    const input = 'sms sent to +14155550101 for Maria Delgado DOB 03/14/1957\n';
    const viaTwilio = await twilio(['chaperone:redact'], { input });
    const direct = await exec(chaperoneBin, ['redact'], { input });
    expect(viaTwilio.status).toBe(0);
    expect(viaTwilio.stdout).toBe(direct.stdout);
    expect(viaTwilio.stdout).not.toMatch(/4155550101|Delgado|1957/);
    const check = await twilio(['chaperone:redact', '--check'], { input });
    expect(check.status).toBe(1);
  }, 60_000);
});
