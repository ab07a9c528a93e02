// The npm redactors a user would pick instead of @chaperone/phi, set up once for the bench
// and the eval runner alike: `redact-pii` (the de-facto baseline) and
// `@openredaction/openredaction` with its HIPAA preset. Both are devDependencies.
import { createRequire } from 'node:module';

export type Redactor = (text: string) => string;

export async function peerRedactors(): Promise<Record<string, Redactor>> {
  const require = createRequire(import.meta.url);
  const { SyncRedactor } = require('redact-pii') as { SyncRedactor: new () => { redact(t: string): string } };
  const { OpenRedaction } = (await import('@openredaction/openredaction')) as unknown as {
    OpenRedaction: new (o: object) => { detect(t: string): { redacted: string } };
  };
  const redactPii = new SyncRedactor();
  const openRedaction = new OpenRedaction({ preset: 'hipaa' });
  return {
    'redact-pii': (text) => redactPii.redact(text),
    '@openredaction/openredaction': (text) => openRedaction.detect(text).redacted,
  };
}
