// Findings of the Segment checks: severity and remediation from the catalog, like Twilio's.
// Segment names (sources, destinations, models...) are chosen by admins and kept as
// friendly names; evidence carries ids, field *names* and settings, never values.
import { getControl, type ControlId } from '@chaperone/controls';
import { statusFor, type FindingOptions } from '../checks/finding.ts';
import type { Finding, FindingStatus, InventoryResource } from '../types.ts';

export interface SegmentSubject {
  account: string;
  kind: string;
  sid: string;
  friendlyName?: string;
}

/** Status by the guide's class as for Twilio (statusFor): a recommendation not followed is `advisory`. */
export function segmentFinding(control: ControlId, status: FindingStatus, subject: SegmentSubject | InventoryResource, evidence: string, options: FindingOptions = {}): Finding {
  const meta = getControl(control);
  return {
    control,
    status: statusFor(meta.classification, status, options),
    severity: meta.severity,
    account: subject.account,
    platform: 'segment',
    resource: { kind: subject.kind, sid: subject.sid, ...(subject.friendlyName ? { friendlyName: subject.friendlyName } : {}) },
    evidence,
    remediation: meta.remediation,
  };
}

export function workspaceSubject(account: string): SegmentSubject {
  return { account, kind: 'segment.workspace', sid: account };
}
