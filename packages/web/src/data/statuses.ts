// Statuses worst first, as the scanner orders them everywhere (@chaperone/scan STATUS_ORDER).
export { STATUS_ORDER, type FindingStatus } from '@chaperone/scan';
import { STATUS_ORDER, type FindingStatus } from '@chaperone/scan';

export type StatusCounts = Record<FindingStatus, number>;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as StatusCounts;
}

export function isStatus(value: string): value is FindingStatus {
  return (STATUS_ORDER as readonly string[]).includes(value);
}

export function addCounts(into: StatusCounts, from: Partial<Record<string, number>>): void {
  for (const s of STATUS_ORDER) into[s] += from[s] ?? 0;
}
