// `--platform twilio|segment`: scan one platform only, even when credentials for both are set.
import type { Platform } from '@chaperone/controls';

export class PlatformError extends Error {
  override name = 'PlatformError';
}

const PLATFORMS: readonly Platform[] = ['twilio', 'segment'];

/** undefined: every platform that has credentials. */
export function parsePlatform(value: string | undefined): Platform | undefined {
  if (value === undefined) return undefined;
  const name = value.trim().toLowerCase();
  if (!(PLATFORMS as readonly string[]).includes(name)) throw new PlatformError(`--platform "${value}" is not a platform; use twilio or segment`);
  return name as Platform;
}
