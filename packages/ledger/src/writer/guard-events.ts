// The guard sink's batches as it posts them to the writer thread: the JSON text of
// `[levels, events]`, two arrays side by side holding each event as the guard emitted it.
// The app's thread thus neither copies an event nor builds its entry (an allocation per
// decision on the guard's hot path); the writer thread does, here.
import type { GuardDecisionEntry } from '../entries.ts';

export function guardEntries(parsed: unknown): GuardDecisionEntry[] {
  const [levels, events] = parsed as [string[], { event: string; [field: string]: unknown }[]];
  const entries = new Array<GuardDecisionEntry>(events.length);
  for (let i = 0; i < events.length; i++) {
    const { event, ...fields } = events[i]!;
    entries[i] = { kind: 'guard.decision', event, level: levels[i]!, fields };
  }
  return entries;
}
