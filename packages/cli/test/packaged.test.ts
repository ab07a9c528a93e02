// The packages as an app gets them: `npm run build`, `npm pack` of every package the CLI
// needs, then a fresh app outside the repository (under os.tmpdir()) installs the tarballs
// (their external dependencies come from the npm cache or the registry) and
//  - verifies a signed webhook and guards a twilio client with @chaperone/guard,
//  - typechecks against the shipped declarations,
//  - runs `npx @chaperone/cli scan --demo` and `chaperone --version` with no tsx installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from './build-once.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const PACKED = ['controls', 'phi', 'retry', 'twin', 'segment', 'scan', 'guard', 'ledger', 'web', 'cli'];
const version = (JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

let app: string;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
}

const WEBHOOK_APP = `
import twilio from 'twilio';
import { guardTwilio, HipaaPolicyError, resolveWebhookGuard, verifyWebhook } from '@chaperone/guard';
import { getControl } from '@chaperone/controls';
import { sanitizeForSupport } from '@chaperone/phi';

const token = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const url = 'https://clinic.example.com/twilio/sms';
const params = { From: '+14155550101', To: '+14155550102', Body: 'hello' };
const rawBody = Buffer.from(new URLSearchParams(params).toString());
const headers = (signature) => ({ 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' });
const guard = resolveWebhookGuard({ authToken: token, replayStore: false });
const signed = await verifyWebhook({ method: 'POST', url, headers: headers(twilio.getExpectedTwilioSignature(token, url, params)), rawBody }, guard);
const forged = await verifyWebhook({ method: 'POST', url, headers: headers(twilio.getExpectedTwilioSignature('0'.repeat(32), url, params)), rawBody }, guard);

// The network as the SDK sees it: anything that reaches it is recorded, never sent.
const sent = [];
const network = { request: async (options) => { sent.push(options.uri); throw new Error('reached the network'); } };
const client = guardTwilio(twilio('AC' + '0'.repeat(32), token, { httpClient: network }));
const outcome = async (create) => create().then(() => 'sent', (error) => (error instanceof HipaaPolicyError ? 'refused ' + error.controlId : error.message));
const abroad = await outcome(() => client.messages.create({ to: '+442079460000', from: '+14155550101', body: 'reminder' }));
const home = await outcome(() => client.messages.create({ to: '+14155550102', from: '+14155550101', body: 'reminder' }));

console.log(JSON.stringify({ signed: signed.ok && signed.params.Body, forged: forged.ok, abroad, home, sent: sent.length, control: getControl('TW-SMS-US-ONLY').id, redacted: sanitizeForSupport('call +14155550101') }));
`;

const TYPED_APP = `
import { resolveWebhookGuard, verifyWebhook, type WebhookVerdict } from '@chaperone/guard';
import { getControl, type Control } from '@chaperone/controls';
import { main } from '@chaperone/cli';
const control: Control = getControl('TW-HTTPS');
const verdict: Promise<WebhookVerdict> = verifyWebhook({ method: 'POST', url: 'https://x.example', headers: {} }, resolveWebhookGuard({ authToken: 't' }));
const code: Promise<number> = main(['--version']);
// @ts-expect-error the declarations are real: a number is not a control id
getControl(42);
// @ts-expect-error main.d.ts's own imports (./io.ts -> io.d.ts) resolve: 42 is not a CommandIO
void main([], 42);
export { control, verdict, code };
`;

describe('packed and installed outside the repository', () => {
  beforeAll(async () => {
    await buildOnce(repo);
    const root = mkdtempSync(join(tmpdir(), 'chaperone-packed-'));
    const tarballs = join(root, 'tarballs');
    mkdirSync(tarballs);
    npm(['pack', '--pack-destination', tarballs, ...PACKED.flatMap((p) => ['-w', `packages/${p}`])], repo);
    app = join(root, 'app');
    mkdirSync(app);
    // As the README says: the tarballs stand for @chaperone/* (none is on the registry, so a
    // dependency npm did not match to a tarball fails the install).
    const files = Object.fromEntries(readdirSync(tarballs).map((file) => [`@chaperone/${file.replace(/^chaperone-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`, `file:${join(tarballs, file)}`]));
    expect(Object.keys(files).sort()).toEqual(PACKED.map((p) => `@chaperone/${p}`).sort());
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'clinic-app', private: true, type: 'module', dependencies: { ...files, twilio: '^6.2.0', '@types/node': '^20.19.43' } }, null, 2));
    // --ignore-scripts: better-sqlite3 (the ledger's native SQLite) would compile from source
    // here for minutes; what is tested is our packaging, so the scan below runs with
    // CHAPERONE_LEDGER=off (the ledger itself is tested in the repository).
    npm(['install', '--prefer-offline', '--no-package-lock', '--ignore-scripts'], app);
  }, 600_000);

  it('installs built JavaScript only: no TypeScript source, no tsx', () => {
    const guard = join(app, 'node_modules/@chaperone/guard');
    expect(existsSync(join(guard, 'dist/index.js'))).toBe(true);
    expect(existsSync(join(guard, 'dist/index.d.ts'))).toBe(true);
    expect(existsSync(join(guard, 'src'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/@chaperone/cli/dist/fixtures/sample-clinic.yaml'))).toBe(true);
  });

  it('verifies a signed webhook and guards a twilio client', () => {
    writeFileSync(join(app, 'webhook.mjs'), WEBHOOK_APP);
    const result = JSON.parse(execFileSync(process.execPath, ['webhook.mjs'], { cwd: app, encoding: 'utf8' })) as Record<string, unknown>;
    expect(result).toEqual({ signed: 'hello', forged: false, abroad: 'refused TW-SMS-US-ONLY', home: 'reached the network', sent: 1, control: 'TW-SMS-US-ONLY', redacted: expect.not.stringContaining('4155550101') });
  });

  it('typechecks against the shipped declarations', () => {
    writeFileSync(join(app, 'typed.ts'), TYPED_APP);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['typed.ts'] }));
    const tsc = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('npx @chaperone/cli answers --version and scans the demo twin from the tarball', () => {
    expect(npm(['exec', '--offline', '--', 'chaperone', '--version'], app)).toBe(`chaperone ${version}\n`);
    const demo = spawnSync('npx', ['--offline', '@chaperone/cli', 'scan', '--demo', '--format', 'json'], { cwd: app, encoding: 'utf8', env: { ...process.env, CHAPERONE_LEDGER: 'off' } });
    expect(demo.stderr).not.toMatch(/Error|tsx/);
    expect(demo.status).toBe(1);
    const report = JSON.parse(demo.stdout) as { scan: { accounts: unknown[]; complete: boolean } };
    expect(report.scan.accounts.length).toBe(6);
    expect(report.scan.complete).toBe(true);
  });
});
