import type { Control, Platform } from '../types.ts';

/** One catalog row as written in a section file; platform and product come from the section. */
export type Row = Omit<Control, 'platform' | 'product'>;

export function section(platform: Platform, product: string, rows: readonly Row[]): Control[] {
  // id first, so JSON output of a control leads with it.
  return rows.map(({ id, ...rest }) => ({ id, platform, product, ...rest }));
}
