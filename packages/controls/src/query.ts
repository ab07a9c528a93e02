import { closest } from 'fastest-levenshtein';
import { catalog } from './catalog/index.ts';
import { CONTROL_IDS, isControlId } from './ids.ts';
import type { ControlId } from './ids.ts';
import type { Classification, Control, Platform, Verification } from './types.ts';

export const controls: readonly Control[] = catalog;

const byId = new Map<string, Control>(catalog.map((c) => [c.id, c]));

/** The control with this id; throws (naming the closest id) when there is none. */
export function getControl(id: ControlId | string): Control {
  const control = byId.get(id);
  if (!control) {
    const hint = closestControlId(id);
    throw new Error(`unknown control id "${id}"${hint ? ` (did you mean ${hint}?)` : ''}; run \`chaperone controls\` for the list`);
  }
  return control;
}

export interface ControlFilter {
  platform?: Platform;
  /** Product section, compared case-insensitively; a substring matches ("flex" finds "Twilio Flex"). */
  product?: string;
  classification?: Classification;
  /** Controls whose verification includes this method. */
  verification?: Verification;
}

export function controlsFor(filter: ControlFilter = {}): Control[] {
  const product = filter.product?.toLowerCase();
  return catalog.filter(
    (c) =>
      (!filter.platform || c.platform === filter.platform) &&
      (!product || c.product.toLowerCase().includes(product)) &&
      (!filter.classification || c.classification === filter.classification) &&
      (!filter.verification || c.verification.includes(filter.verification)),
  );
}

/** Distinct product sections in catalog order. */
export function productSections(): string[] {
  return [...new Set(catalog.map((c) => c.product))];
}

/** The control id nearest to `input` by edit distance, for "did you mean" hints in config and CLI errors. */
export function closestControlId(input: string): ControlId | undefined {
  const wanted = input.toUpperCase();
  if (isControlId(wanted)) return wanted;
  return closest(wanted, [...CONTROL_IDS]) as ControlId;
}
