// `twilio chaperone:redact`: `chaperone redact` (PHI out of stdin, line for line) under
// twilio-cli. It reads no account, so it needs no profile; its flags go through unchanged.
import cliCore from '@twilio/cli-core';
import { redactHelp } from '@chaperone/cli';
import { runChaperone } from '../../run-chaperone.ts';

const { BaseCommand } = cliCore.baseCommands;

export default class ChaperoneRedact extends BaseCommand {
  static override description = `Redact PHI from stdin to stdout, line for line.\nTakes the flags of \`chaperone redact\`:\n\n${redactHelp}`;
  static override strict = false;
  static override flags = { ...BaseCommand.flags };

  override async run(): Promise<void> {
    await super.run();
    const { argv } = await this.parse(ChaperoneRedact);
    const code = await runChaperone('redact', argv, process.env);
    if (code !== 0) this.exit(code);
  }
}
