// @chaperone/cli as a library: the `chaperone` command's entry point, for wrappers such as
// the twilio-cli plugin that run its commands with their own credentials and streams.
export { main } from './main.ts';
export { defaultIO } from './io.ts';
export type { CommandIO } from './io.ts';
export { HELP as scanHelp } from './commands/scan.ts';
export { HELP as redactHelp } from './commands/redact.ts';
