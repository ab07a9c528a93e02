// Builds findings: severity and remediation come from the catalog so a control reads the
// same everywhere, and the status follows the guide's class of the control (statusFor):
// a check says `fail` when it sees a control violated, and this module decides what that
// means for a recommendation or a special consideration. Friendly names are carried only for kinds whose names an admin
// chooses (services, flows, trunks...): a number's friendly name is the number itself,
// and channels, rooms, workers or tasks are often named after patients.
import { getControl, type Classification, type ControlId } from '@chaperone/controls';
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

export interface FindingOptions {
  /**
   * The scan itself sees the violation (e.g. PHI detected where the guide says none may be),
   * so a special consideration's `fail` stays `fail` instead of going to a person as `manual`.
   */
  observed?: boolean;
}

/**
 * The status a check's verdict takes under the guide's class of the control. Only `fail`
 * changes: a recommendation not followed is `advisory`; a special consideration is
 * `manual` (a person reviews the evidence that triggered it) unless the scan observed the
 * violation itself. Required, not-eligible and platform controls keep `fail`.
 */
export function statusFor(classification: Classification, status: FindingStatus, options: FindingOptions = {}): FindingStatus {
  if (status !== 'fail') return status;
  if (classification === 'recommended') return 'advisory';
  if (classification === 'special-consideration' && !options.observed) return 'manual';
  return 'fail';
}

export function resourceFinding(control: ControlId, status: FindingStatus, subject: Subject | InventoryResource, evidence: string, options: FindingOptions = {}): Finding {
  const meta = getControl(control);
  const friendlyName = NAMED_KINDS.has(subject.kind) ? subject.friendlyName : undefined;
  return {
    control,
    status: statusFor(meta.classification, status, options),
    severity: meta.severity,
    account: subject.account,
    platform: meta.platform,
    resource: { kind: subject.kind, sid: subject.sid, ...(friendlyName ? { friendlyName } : {}) },
    evidence,
    remediation: meta.remediation,
  };
}

/** A finding about an account as a whole (designation, PKCV, "no add-ons installed"). */
export function accountFinding(control: ControlId, status: FindingStatus, account: InventoryAccount, evidence: string, options: FindingOptions = {}): Finding {
  return resourceFinding(control, status, { account: account.sid, kind: `${account.platform}.account`, sid: account.sid }, evidence, options);
}
