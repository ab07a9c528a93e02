// Where the guard reports what it decided. A plain callback or a pino-style logger:
// callers already have one of the two, and neither should need an adapter.

export type GuardEventLevel = 'debug' | 'info' | 'warn' | 'error';

/** Every field is safe to log: SIDs, masked numbers, control ids, reasons. Never bodies. */
export interface GuardEvent {
  event: string;
  [field: string]: unknown;
}

export interface LoggerLike {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type GuardSink = ((event: GuardEvent, level: GuardEventLevel) => void) | LoggerLike;

export function emit(sink: GuardSink | undefined, level: GuardEventLevel, event: GuardEvent): void {
  if (!sink) return;
  if (typeof sink === 'function') sink(event, level);
  else sink[level](event, event.event);
}
