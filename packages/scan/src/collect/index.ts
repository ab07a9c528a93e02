// Every Twilio collector, one per API area.
import type { Collector } from './context.ts';
import { accountsCollector } from './accounts.ts';
import { apiCollector } from './api.ts';
import { assistantsCollector } from './assistants.ts';
import { chatCollector } from './chat.ts';
import { conversationsCollector } from './conversations.ts';
import { eventsCollector } from './events.ts';
import { flexCollector } from './flex.ts';
import { keysCollector } from './keys.ts';
import { marketplaceCollector } from './marketplace.ts';
import { mediaAuthCollector } from './media-auth.ts';
import { messagingCollector } from './messaging.ts';
import { monitorCollector } from './monitor.ts';
import { nonEligibleProductsCollector } from './non-eligible-products.ts';
import { serverlessCollector } from './serverless.ts';
import { studioCollector } from './studio.ts';
import { syncCollector } from './sync.ts';
import { taskrouterCollector } from './taskrouter.ts';
import { trunkingCollector } from './trunking.ts';
import { verifyCollector } from './verify.ts';
import { videoCollector } from './video.ts';
import { voiceCollector } from './voice.ts';

export const twilioCollectors: readonly Collector[] = [
  apiCollector,
  messagingCollector,
  trunkingCollector,
  chatCollector,
  conversationsCollector,
  syncCollector,
  taskrouterCollector,
  studioCollector,
  serverlessCollector,
  eventsCollector,
  videoCollector,
  verifyCollector,
  marketplaceCollector,
  voiceCollector,
  monitorCollector,
  flexCollector,
  accountsCollector,
  assistantsCollector,
  nonEligibleProductsCollector,
  mediaAuthCollector,
  keysCollector,
];

/** Every kind a Twilio account scan collects (plus `api.account`, recorded by discovery). */
export const twilioKinds: readonly string[] = ['api.account', ...twilioCollectors.flatMap((c) => c.kinds)];
