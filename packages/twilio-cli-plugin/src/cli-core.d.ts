// The part of @twilio/cli-core (CommonJS, untyped) the plugin uses: twilio-cli's base
// commands, which parse its global flags and resolve the active profile.
declare module '@twilio/cli-core' {
  import type { Command } from '@oclif/core';

  interface Profile {
    id: string;
    accountSid: string;
    /** An API key SID (SK...), or the account SID when the profile holds the auth token. */
    apiKey: string;
    /** The API key secret, or the auth token. */
    apiSecret: string;
    region?: string;
    edge?: string;
  }

  interface Logger {
    error(message: string): void;
    debug(message: string): void;
  }

  class BaseCommand extends Command {
    static flags: Command['ctor']['flags'];
    logger: Logger;
    run(): Promise<void>;
  }

  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- reached as cliCore.baseCommands.TwilioClientCommand
  class TwilioClientCommand extends BaseCommand {
    currentProfile: Profile;
  }

  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- reached as cliCore.services.error.TwilioCliError
  class TwilioCliError extends Error {}

  const cliCore: {
    baseCommands: { BaseCommand: typeof BaseCommand; TwilioClientCommand: typeof TwilioClientCommand };
    services: { error: { TwilioCliError: typeof TwilioCliError } };
  };
  export default cliCore;
  export type { Profile };
}
