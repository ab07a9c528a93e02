export type LimitedBody = { ok: true; body: Buffer } | { ok: false; reason: 'body-too-large' | 'body-unreadable' };

/**
 * Reads a request body but stops as soon as it passes `limit` bytes, so an oversized
 * (or endless) body costs at most `limit` bytes of memory.
 *
 * Not `raw-body`: it reads Node streams only, and the Hono adapter hands a web
 * ReadableStream (Deno, Bun, Workers have no Node stream), so a hand-written reader would
 * stay for that path anyway and the two would drift. This one reader serves both, and its
 * answer is the guard's own verdict (too large / unreadable), not an HTTP error to map back.
 */
export async function readBodyLimited(stream: AsyncIterable<unknown>, limit: number, declaredLength?: string): Promise<LimitedBody> {
  if (declaredLength !== undefined) {
    const declared = Number(declaredLength);
    if (!Number.isSafeInteger(declared) || declared < 0) return { ok: false, reason: 'body-unreadable' };
    if (declared > limit) return { ok: false, reason: 'body-too-large' };
  }
  if (isNodeReadable(stream)) return readNodeStream(stream, limit);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > limit) return { ok: false, reason: 'body-too-large' };
      chunks.push(buffer);
    }
  } catch {
    return { ok: false, reason: 'body-unreadable' };
  }
  return { ok: true, body: Buffer.concat(chunks, total) };
}

interface NodeReadable {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event: string): unknown;
  pause(): unknown;
  readableEnded?: boolean;
}

function isNodeReadable(stream: unknown): stream is NodeReadable {
  return typeof (stream as NodeReadable).on === 'function' && typeof (stream as NodeReadable).pause === 'function';
}

// Node streams: plain 'data' events are markedly cheaper per request than async
// iteration, and this runs on every webhook.
function readNodeStream(stream: NodeReadable, limit: number): Promise<LimitedBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (result: LimitedBody) => {
      if (settled) return;
      settled = true;
      stream.removeAllListeners('data');
      resolve(result);
    };
    stream.on('data', (chunk) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buffer.length;
      if (total > limit) {
        stream.pause();
        return finish({ ok: false, reason: 'body-too-large' });
      }
      chunks.push(buffer);
    });
    stream.on('end', () => finish({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) }));
    stream.on('error', () => finish({ ok: false, reason: 'body-unreadable' }));
    stream.on('close', () => finish({ ok: false, reason: 'body-unreadable' }));
  });
}
