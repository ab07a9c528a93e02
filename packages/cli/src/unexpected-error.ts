import type { CommandIO } from './io.ts';

/** Set to 1 to see the stack of an unexpected error (it may carry request details: yours to share). */
export const DEBUG_ENV = 'CHAPERONE_DEBUG';

/**
 * The one line for an error no command expected. Its message is never printed: it may quote a
 * request, a URL with credentials, a token or a record (a driver's error, an SDK's). Only its
 * kind shows: the class name and a Node/driver error code, both written by code, not by data.
 */
export function unexpectedErrorLine(command: string, error: unknown): string {
  const kind = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? ` ${code}` : '';
  return `chaperone ${command}: unexpected error (${kind}${codeText}); nothing of its message is shown, as it may quote a secret or a record. Run again with ${DEBUG_ENV}=1 to print its stack, and report it.`;
}

export function reportUnexpectedError(command: string, error: unknown, io: CommandIO): void {
  io.stderr(`${unexpectedErrorLine(command, error)}\n`);
  if (io.env[DEBUG_ENV] === '1') io.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}
