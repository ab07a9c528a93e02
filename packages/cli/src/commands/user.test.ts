import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandIO } from '../io.ts';
import { run as user } from './user.ts';
import { run as serve } from './serve.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function cli(command: typeof user, argv: string[], stdin = '', env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  dir ??= mkdtempSync(join(tmpdir(), 'cli-user-'));
  const io: CommandIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: Readable.from([stdin]),
    stderrIsTTY: false,
    env,
    cwd: dir,
  };
  const code = await command(argv, io);
  return { code, stdout, stderr };
}

describe('chaperone user', () => {
  it('adds a user with the password from stdin, lists it, refuses a second add and removes it', async () => {
    const added = await cli(user, ['add', 'dana', '--role', 'attester'], 'a long passphrase\n');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('Added dana (attester)');
    expect((await cli(user, ['list'])).stdout).toBe('dana\tattester\n');
    const again = await cli(user, ['add', 'dana', '--role', 'admin'], 'another long passphrase\n');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('chaperone user add: user "dana" already exists; add --replace to give it a new password and role\n');
    expect((await cli(user, ['add', 'dana', '--role', 'admin', '--replace'], 'another long passphrase\n')).code).toBe(0);
    expect((await cli(user, ['list'])).stdout).toBe('dana\tadmin\n');
    expect((await cli(user, ['remove', 'dana'])).code).toBe(0);
    expect((await cli(user, ['list'])).stdout).toContain('No dashboard users yet');
  });

  it('refuses a short password, a bad role and a bad name with one line and exit 2', async () => {
    const short = await cli(user, ['add', 'dana', '--role', 'viewer'], 'short\n');
    expect(short).toMatchObject({ code: 2, stderr: 'chaperone user add: the password must be at least 12 characters\n' });
    expect(short.stderr).not.toContain('short');
    const role = await cli(user, ['add', 'dana', '--role', 'owner'], 'a long passphrase\n');
    expect(role).toMatchObject({ code: 2, stderr: 'chaperone user add: --role must be one of viewer, attester, admin\n' });
    const name = await cli(user, ['add', 'da na', '--role', 'viewer'], 'a long passphrase\n');
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('the user name must be 1 to 64 letters');
  });
});

describe('chaperone serve (usage)', () => {
  it('refuses an idle timeout over 15 minutes and plain http off loopback', async () => {
    expect(await cli(serve, ['--idle-timeout', '1800'])).toMatchObject({
      code: 2,
      stderr: 'chaperone serve: --idle-timeout may only shorten the 15-minute idle logoff (HIPAA screens): give at most 900 seconds\n',
    });
    await cli(user, ['add', 'dana', '--role', 'viewer'], 'a long passphrase\n');
    const open = await cli(serve, ['--host', '0.0.0.0', '--port', '0']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('plain http is allowed on a loopback address only (not 0.0.0.0)');
  });

  it('checks the OIDC settings before serving, reads the secret from the environment or a file, and never prints it', async () => {
    const secret = 'oidc-secret-never-printed-7f3a9c';
    expect(await cli(serve, ['--oidc-client-id', 'c'])).toMatchObject({ code: 2, stderr: 'chaperone serve: the --oidc-* options need --oidc-issuer URL (or CHAPERONE_OIDC_ISSUER)\n' });
    expect((await cli(serve, ['--oidc-issuer', 'https://idp.example', '--oidc-client-id', 'c'])).stderr).toContain('needs the client secret: --oidc-client-secret-file FILE or CHAPERONE_OIDC_CLIENT_SECRET');
    const noRole = await cli(serve, ['--oidc-issuer', 'https://idp.example', '--oidc-client-id', 'c'], '', { CHAPERONE_OIDC_CLIENT_SECRET: secret });
    expect(noRole.stderr).toContain('needs at least one of --oidc-viewer, --oidc-attester, --oidc-admin');
    const plain = await cli(serve, ['--oidc-issuer', 'http://idp.example', '--oidc-client-id', 'c', '--oidc-admin', 'ops'], '', { CHAPERONE_OIDC_CLIENT_SECRET: secret });
    expect(plain).toMatchObject({ code: 2, stderr: 'chaperone serve: the OIDC issuer must be https:// (plain http only on a loopback address, for testing)\n' });
    writeFileSync(join(dir!, 'secret.txt'), `${secret}\n`);
    const down = await cli(serve, ['--oidc-issuer', 'http://127.0.0.1:1', '--oidc-client-id', 'c', '--oidc-client-secret-file', 'secret.txt', '--oidc-admin', 'ops', '--port', '0', '--public-url', 'http://127.0.0.1:4600']);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^chaperone serve: cannot read the OIDC provider's configuration at http:\/\/127\.0\.0\.1:1\/ \(.+\); check --oidc-issuer\n$/);
    for (const r of [noRole, plain, down]) expect(r.stdout + r.stderr).not.toContain(secret);
  });
});
