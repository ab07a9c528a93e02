// Products and settings that are simply present or not: AI Assistants / Autopilot
// (TW-AUTOPILOT, TW-ELIGIBLE-ONLY), Sync ACLs (TW-RT-SYNC), Flex plugins to review
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

/** Resources that live on non-eligible products, listed under TW-ELIGIBLE-ONLY. */
function nonEligible(kind: string, what: string): Check {
  return {
    name: `eligible-only-${kind}`,
    control: 'TW-ELIGIBLE-ONLY',
    needs: [kind],
    run: (inventory) =>
      [...byAccount(inventory, kind)].flatMap(([account, list]) =>
        list.length === 0
          ? [accountFinding('TW-ELIGIBLE-ONLY', 'pass', account, `no ${what}`)]
          : list.map((r) => resourceFinding('TW-ELIGIBLE-ONLY', 'fail', r, `${what}: not a HIPAA eligible product`)),
      ),
  };
}

export const eligibleOnly: Check[] = [nonEligible('assistants.assistant', 'AI Assistant'), nonEligible('marketplace.installed_add_on', 'Marketplace add-on')];

export const syncAcl: Check = {
  name: 'sync-acl',
  control: 'TW-RT-SYNC',
  needs: ['sync.service'],
  run: (inventory) =>
    ofKind(inventory, 'sync.service').map((s) =>
      s.fields.acl_enabled === true
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
      .map((p) => resourceFinding('TW-FLEX-PLUGINS', 'manual', p, 'plugin: review that it shows and logs no PHI (error messages included)')),
};
