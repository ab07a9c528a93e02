import type { Decision, Rule } from '../decision.ts';

const CHANNELS = /^\/v[12]\/Services\/[^/]+\/Channels(\/[^/]+)?\/?$/;

/**
 * Programmable Chat: only private channels may carry PHI. A created channel is public
 * unless Type=private is sent, so a create without Type is refused too.
 */
export const chatPrivateRule: Rule = {
  name: 'chat-private-channels',
  controlId: 'TW-CHAT-PRIVATE',
  check(request): Decision | undefined {
    if ((request.product !== 'chat' && request.product !== 'ip-messaging') || request.method !== 'POST') return undefined;
    const match = CHANNELS.exec(request.path);
    if (!match) return undefined;
    const type = request.params.get('Type')?.[0]?.trim().toLowerCase();
    const creating = match[1] === undefined;
    if (type === 'private' || (!creating && type === undefined)) return undefined;
    return {
      controlId: 'TW-CHAT-PRIVATE',
      reason: type ? `parameter Type is "${type}"` : 'the channel is created without Type, which defaults to public',
      fix: 'create Chat channels with Type=private; only private channels may carry PHI',
    };
  },
};
