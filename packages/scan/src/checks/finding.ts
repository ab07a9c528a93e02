// Builds findings: severity and remediation come from the catalog so a control reads the
// same everywhere. Friendly names are carried only for kinds whose names an admin
// chooses (services, flows, trunks...): a number's friendly name is the number itself,
// and channels, rooms, workers or tasks are often named after patients.
import { getControl, type ControlId } from '@chaperone/controls';
import type { Finding, FindingStatus, InventoryAccount, InventoryResource } from '../types.ts';

const NAMED_KINDS = new Set([
  'api.application',
  'api.sip_domain',
  'trunking.trunk',
  'messaging.service',
  'chat.service',
  'conversations.service',
  'sync.service',
  'taskrouter.workspace',
  'taskrouter.workflow',
  'studio.flow',
  'serverless.service',
  'events.sink',
  'video.composition_hook',
  'verify.service',
  'verify.webhook',
  'marketplace.installed_add_on',
  'api.assigned_add_on',
  'voice.byoc_trunk',
  'voice.dialing_permissions_country',
  'flex.flex_flow',
  'flex.plugin',
  'accounts.public_key',
  'assistants.assistant',
]);

export interface Subject {
  account: string;
  kind: string;
  sid: string;
  friendlyName?: string;
}

export function resourceFinding(control: ControlId, status: FindingStatus, subject: Subject | InventoryResource, evidence: string): Finding {
  const meta = getControl(control);
  const friendlyName = NAMED_KINDS.has(subject.kind) ? subject.friendlyName : undefined;
  return {
    control,
    status,
    severity: meta.severity,
    account: subject.account,
    platform: meta.platform,
    resource: { kind: subject.kind, sid: subject.sid, ...(friendlyName ? { friendlyName } : {}) },
    evidence,
    remediation: meta.remediation,
  };
}

/** A finding about an account as a whole (designation, PKCV, "no add-ons installed"). */
export function accountFinding(control: ControlId, status: FindingStatus, account: InventoryAccount, evidence: string): Finding {
  return resourceFinding(control, status, { account: account.sid, kind: `${account.platform}.account`, sid: account.sid }, evidence);
}
