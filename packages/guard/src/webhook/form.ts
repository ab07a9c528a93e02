/** Webhook parameters as Twilio sends them: a repeated key becomes an array (e.g. `Digits`). */
export type WebhookParams = Record<string, string | string[]>;

// URLSearchParams does the percent and `+` decoding exactly as browsers and Twilio do;
// the null-prototype object keeps keys like `__proto__` inert.
export function parseFormBody(body: string): WebhookParams {
  const params: WebhookParams = Object.create(null) as WebhookParams;
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else params[key] = [existing, value];
  }
  return params;
}

/** Flattens a framework's already-parsed body (Express/Fastify/Functions) into WebhookParams. */
export function paramsFromParsedBody(body: unknown): WebhookParams | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const params: WebhookParams = Object.create(null) as WebhookParams;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) params[key] = [...(value as string[])];
    else return undefined;
  }
  return params;
}
