// Services of products that are not HIPAA eligible (Proxy, Notify, Conversational
// Intelligence): the scan lists them so TW-ELIGIBLE-ONLY can name each one, instead of
// passing an account whose non-eligible products it never read.
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

const SERVICE_LISTS = [
  { kind: 'proxy.service', sub: 'proxy', path: '/v1/Services' },
  { kind: 'notify.service', sub: 'notify', path: '/v1/Services' },
  { kind: 'intelligence.service', sub: 'intelligence', path: '/v2/Services' },
] as const;

export const nonEligibleProductsCollector: Collector = {
  area: 'non-eligible products',
  kinds: SERVICE_LISTS.map((s) => s.kind),
  async collect(ctx) {
    await Promise.all(SERVICE_LISTS.map((s) => ctx.kind(s.kind, () => listAll(ctx.client, twilioUrl(s.sub, s.path), 'services'))));
  },
};
