import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { configError } from './errors.ts';
import { parseConfig } from './parse.ts';
import { emptyConfig, type ChaperoneConfig } from './types.ts';

export const DEFAULT_CONFIG_FILE = 'chaperone.yaml';

/**
 * Reads chaperone.yaml. Without `path`, `chaperone.yaml` in `cwd` is optional (absent =
 * empty config). An explicit path that cannot be read is an error: the user asked for it.
 */
export async function loadConfig(path?: string, opts: { cwd?: string } = {}): Promise<ChaperoneConfig> {
  const cwd = opts.cwd ?? process.cwd();
  const file = resolve(cwd, path ?? DEFAULT_CONFIG_FILE);
  const shown = path ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && path === undefined) return emptyConfig();
    if (code === 'ENOENT') throw configError(shown, '', undefined, `file not found (looked at ${file})`, 'check the --config path');
    if (code === 'EISDIR') throw configError(shown, '', undefined, 'is a directory', `point --config at the ${DEFAULT_CONFIG_FILE} file inside it`);
    throw configError(shown, '', undefined, `cannot be read (${code ?? 'unknown error'})`, 'check its permissions');
  }
  const config = parseConfig(text, path === undefined ? basename(file) : shown);
  config.source = file;
  return config;
}
