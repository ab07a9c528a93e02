// Dates in chaperone.yaml are calendar days (YYYY-MM-DD) read in UTC, so a config gives
// the same answer on every machine whatever its time zone.

export const DAY_MS = 86_400_000;

/** True for a real calendar day written YYYY-MM-DD (rejects 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** Start of the day (UTC) as epoch milliseconds. */
export function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** An entry whose `expires` is D counts through the whole of day D (UTC) and stops at D+1 00:00Z. */
export function isExpired(expires: string, now: Date): boolean {
  return now.getTime() >= dayStart(expires) + DAY_MS;
}

/** True once day `date` (UTC) has begun: an attestation dated in the future does not count yet. */
export function hasBegun(date: string, now: Date): boolean {
  return now.getTime() >= dayStart(date);
}
