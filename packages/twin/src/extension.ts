// A twin extension serves another vendor's API (e.g. the Segment twin) from the same
// server: it owns one top-level fixture key and every request under one path prefix.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface TwinExtension {
  /** Top-level fixture key it owns, e.g. 'segment'. */
  key: string;
  /** Requests whose path starts with this prefix go to the extension, e.g. '/segment'. */
  pathPrefix: string;
  /** Loads the fixture value under `key`; throws FixtureError on bad input. */
  load(value: unknown, where: { file: string; path: string }): void;
  /** Serves a request under pathPrefix; the twin's fault injection has already applied. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}
