// Products and settings that are simply present or not: AI Assistants / Autopilot
// (TW-AUTOPILOT), Sync ACLs (TW-RT-SYNC), Flex plugins to review
// (TW-FLEX-PLUGINS).
import type { Check } from '../check.ts';
import { accountFinding, resourceFinding } from './finding.ts';
import { byAccount, ofKind } from './resources.ts';

export const assistants: Check = {
  name: 'ai-assistants',
  control: 'TW-AUTOPILOT',
  needs: ['assistants.assistant'],
  run: (inventory) =>
    [...byAccount(inventory, 'assistants.assistant')].flatMap(([account, list]) =>
      list.length === 0
        ? [accountFinding('TW-AUTOPILOT', 'pass', account, 'no AI Assistant')]
        : list.map((a) => resourceFinding('TW-AUTOPILOT', 'fail', a, 'AI Assistant present: not HIPAA eligible, must carry no PHI')),
    ),
};

export const syncAcl: Check = {
  name: 'sync-acl',
  control: 'TW-RT-SYNC',
  needs: ['sync.service'],
  run: (inventory) =>
    ofKind(inventory, 'sync.service').map((s) =>
      typeof s.fields.acl_enabled !== 'boolean'
        ? resourceFinding('TW-RT-SYNC', 'unknown', s, 'acl_enabled absent: the setting cannot be read')
        : s.fields.acl_enabled
        ? resourceFinding('TW-RT-SYNC', 'pass', s, 'acl_enabled = true')
        : resourceFinding('TW-RT-SYNC', 'fail', s, `acl_enabled = ${String(s.fields.acl_enabled)}: any token holder reads every object`),
    ),
};

export const flexPlugins: Check = {
  name: 'flex-plugins',
  control: 'TW-FLEX-PLUGINS',
  needs: ['flex.plugin'],
  run: (inventory) =>
    ofKind(inventory, 'flex.plugin')
      .filter((p) => p.fields.archived !== true)
      .map((p) => resourceFinding('TW-FLEX-PLUGINS', 'fail', p, 'active plugin: review that it shows and logs no PHI (error messages included), then mute it with the review date')),
};
