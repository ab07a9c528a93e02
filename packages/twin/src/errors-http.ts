// Twilio's error body: {code, message, more_info, status}. Messages never carry a token,
// a secret or a request body: only codes, parameter names and SIDs.
import type { ServerResponse } from 'node:http';

export class TwilioError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendError(res: ServerResponse, error: TwilioError): void {
  const body = JSON.stringify({
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  });
  res.writeHead(error.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...error.headers });
  res.end(body);
}

export const notFound = (path: string) => new TwilioError(404, 20404, `The requested resource ${path} was not found`);
export const badParam = (message: string) => new TwilioError(400, 20001, message);
export const unauthorized = () => new TwilioError(401, 20003, 'Authenticate');
export const methodNotAllowed = (method: string) => new TwilioError(405, 20004, `Method ${method} not allowed`);
