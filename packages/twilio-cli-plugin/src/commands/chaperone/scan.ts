// `twilio chaperone:scan`: `chaperone scan` with the active twilio-cli profile's
// credentials (or -p PROFILE), resolved by twilio-cli's own TwilioClientCommand. Every other
// flag goes to `chaperone scan` unchanged, so flags, output and exit codes are the same.
import cliCore from '@twilio/cli-core';
import { scanHelp } from '@chaperone/cli';
import { profileEnv, ProfileError } from '../../profile-env.ts';
import { runChaperone } from '../../run-chaperone.ts';

const { TwilioClientCommand } = cliCore.baseCommands;
const { TwilioCliError } = cliCore.services.error;

/** Exit status of `chaperone scan` for credentials it cannot use. */
const USAGE = 2;

export default class ChaperoneScan extends TwilioClientCommand {
  static override description = `Audit the profile's Twilio account and every subaccount against "Architecting for HIPAA on Twilio", read-only.\nTakes the flags of \`chaperone scan\`:\n\n${scanHelp}`;
  static override strict = false;
  static override flags = { ...TwilioClientCommand.flags };

  override async run(): Promise<void> {
    try {
      await super.run();
    } catch (error) {
      // No usable profile: one line and chaperone's exit status, not twilio-cli's 1.
      if (error instanceof TwilioCliError) {
        this.logger.error(error.message);
        this.exit(USAGE);
      }
      throw error;
    }
    const { argv } = await this.parse(ChaperoneScan);
    let env: NodeJS.ProcessEnv;
    try {
      env = profileEnv(process.env, this.currentProfile);
    } catch (error) {
      if (!(error instanceof ProfileError)) throw error;
      this.logger.error(`twilio chaperone:scan: ${error.message}`);
      return this.exit(USAGE);
    }
    const code = await runChaperone('scan', argv, env);
    if (code !== 0) this.exit(code);
  }
}
