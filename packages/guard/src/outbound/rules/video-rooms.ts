import type { Decision, Rule } from '../decision.ts';

const ROOMS = /^\/v1\/Rooms\/?$/;
const GROUP_TYPES = new Set(['group', 'group-small']);

/**
 * Only Group Rooms are covered by the BAA. Without Type the account's default room type
 * applies, which the request cannot see, so a create without Type is refused too.
 */
export const videoGroupRoomsRule: Rule = {
  name: 'video-group-rooms',
  controlId: 'TW-VIDEO-GROUP-ROOMS',
  check(request): Decision | undefined {
    if (request.product !== 'video' || request.method !== 'POST' || !ROOMS.test(request.path)) return undefined;
    const type = request.params.get('Type')?.[0]?.trim().toLowerCase();
    if (type && GROUP_TYPES.has(type)) return undefined;
    return {
      controlId: 'TW-VIDEO-GROUP-ROOMS',
      reason: type ? `parameter Type is "${type}"` : 'the room is created without Type, so the account default applies',
      fix: 'create rooms with Type=group (or group-small); only Group Rooms are HIPAA eligible',
    };
  },
};
