// Runs one `chaperone` command with the CLI's own code (flags, output, exit codes), in
// this process, with the environment the twilio-cli command prepared.
import { defaultIO, main } from '@chaperone/cli';

export async function runChaperone(command: 'scan' | 'redact', argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const code = await main([command, ...argv], { ...defaultIO(), env });
  // twilio-cli ends a non-zero command with process.exit, which drops what a pipe has not yet
  // taken of stdout (a report of 150 kB came out cut in CI): wait until it is handed over.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  return code;
}
