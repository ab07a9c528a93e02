export type LimitedBody = { ok: true; body: Buffer } | { ok: false; reason: 'body-too-large' | 'body-unreadable' };

/**
 * Reads a request body but stops as soon as it passes `limit` bytes, so an oversized
 * (or endless) body costs at most `limit` bytes of memory.
 */
export async function readBodyLimited(stream: AsyncIterable<unknown>, limit: number, declaredLength?: string): Promise<LimitedBody> {
  if (declaredLength !== undefined) {
    const declared = Number(declaredLength);
    if (!Number.isSafeInteger(declared) || declared < 0) return { ok: false, reason: 'body-unreadable' };
    if (declared > limit) return { ok: false, reason: 'body-too-large' };
  }
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
