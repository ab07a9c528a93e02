/**
 * A problem with chaperone.yaml. The message is one line naming the file, the place
 * in it (`mutes[2].expires`, with the line when known), what is wrong and the fix.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly file: string,
    /** Path inside the file, e.g. `mutes[2].expires`; empty for the whole file. */
    readonly path = '',
    readonly line?: number,
  ) {
    super(message);
    // A config mistake is the user's to fix, not a crash: whoever prints `error.stack`
    // (a logger, an unhandled rejection) shows the one-line message and no frames.
    this.stack = `${this.name}: ${message}`;
  }
}

/** Formats `file:line: path: problem; fix`. */
export function configError(file: string, path: string, line: number | undefined, problem: string, fix?: string): ConfigError {
  const where = line !== undefined ? `${file}:${line}` : file;
  const text = `${where}: ${path ? `${path}: ` : ''}${problem}${fix ? `; ${fix}` : ''}`;
  return new ConfigError(text, file, path, line);
}

/** `['mutes', 2, 'expires']` -> `mutes[2].expires`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}
