// Runs one `chaperone` command with the CLI's own code (flags, output, exit codes), in
// this process, with the environment the twilio-cli command prepared.
import { defaultIO, main } from '@chaperone/cli';

export async function runChaperone(command: 'scan' | 'redact', argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return main([command, ...argv], { ...defaultIO(), env });
}
