// Protocols: every PHI-bearing event source has a tracking plan that blocks what is not
// planned (SEG-PROTOCOLS-PLAN), and its schema settings drop unplanned properties and
// traits and do not forward blocked events to unsafe destinations (SEG-SCHEMA-CONTROLS).
import type { Check } from '../../check.ts';
import type { Finding, InventoryResource } from '../../types.ts';
import { segmentFinding } from '../finding.ts';
import { SEGMENT_KINDS as K } from '../kinds.ts';
import { destinationBaaGap, isPhiSource, type WorkspaceView, workspaceViews } from '../view.ts';

type Json = Record<string, unknown>;

const BLOCKING = new Set(['BLOCK', 'OMIT_PROPERTIES', 'OMIT_TRAITS']);

/** Sources these checks judge; others get a pass that says why they are out of scope. */
function scope(view: WorkspaceView, source: InventoryResource): string | undefined {
  if (view.retlSourceIds.has(source.sid)) return 'Reverse ETL source: rows come from models (see SEG-RETL-MAPPING)';
  if (source.fields.enabled === false) return 'enabled = false: the source accepts no events';
  if (!isPhiSource(source)) return 'labelled phi = false';
  return undefined;
}

// Segment's defaults allow everything, so an unset flag counts as allowing.
const allows = (block: Json | undefined, flag: string) => (block?.[flag] === false ? false : true);
const show = (block: Json | undefined, flag: string) => (block?.[flag] === undefined ? 'unset (Segment allows)' : String(block[flag]));

export const trackingPlanCheck: Check = {
  name: 'segment-tracking-plan',
  control: 'SEG-PROTOCOLS-PLAN',
  needs: [K.source, K.sourceSettings, K.trackingPlan],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const source of view.sources) {
        const out = scope(view, source);
        if (out) {
          findings.push(segmentFinding('SEG-PROTOCOLS-PLAN', 'pass', source, out));
          continue;
        }
        const problems: string[] = [];
        const plans = (view.plansBySource.get(source.sid) ?? []).filter((p) => p.fields.type === 'LIVE' || p.fields.type === 'ENGAGE');
        if (plans.length === 0) problems.push('no tracking plan connected');
        const track = view.settingsBySource.get(source.sid)?.track as Json | undefined;
        if (allows(track, 'allowUnplannedEvents')) problems.push(`track.allowUnplannedEvents = ${show(track, 'allowUnplannedEvents')}`);
        if (allows(track, 'allowEventOnViolations')) problems.push(`track.allowEventOnViolations = ${show(track, 'allowEventOnViolations')}`);
        const common = track?.commonEventOnViolations;
        if (!BLOCKING.has(String(common))) problems.push(`track.commonEventOnViolations = ${common === undefined ? 'unset (Segment allows)' : String(common)}`);
        findings.push(
          problems.length > 0
            ? segmentFinding('SEG-PROTOCOLS-PLAN', 'fail', source, problems.join('; '))
            : segmentFinding('SEG-PROTOCOLS-PLAN', 'pass', source, `tracking plan ${plans.map((p) => p.sid).join(', ')} connected; unplanned and violating events blocked (commonEventOnViolations = ${String(common)})`),
        );
      }
    }
    return findings;
  },
};

export const schemaControlsCheck: Check = {
  name: 'segment-schema-controls',
  control: 'SEG-SCHEMA-CONTROLS',
  needs: [K.source, K.sourceSettings, K.destination, K.destinationFilter, K.trackingPlan],
  run(inventory, context) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const source of view.sources) {
        const out = scope(view, source);
        if (out) {
          findings.push(segmentFinding('SEG-SCHEMA-CONTROLS', 'pass', source, out));
          continue;
        }
        const settings = view.settingsBySource.get(source.sid) ?? {};
        const problems: string[] = [];
        const track = settings.track as Json | undefined;
        for (const flag of ['allowUnplannedEventProperties', 'allowPropertiesOnViolations']) {
          if (allows(track, flag)) problems.push(`track.${flag} = ${show(track, flag)}`);
        }
        for (const call of ['identify', 'group']) {
          const block = settings[call] as Json | undefined;
          for (const flag of ['allowUnplannedTraits', 'allowTraitsOnViolations']) {
            if (allows(block, flag)) problems.push(`${call}.${flag} = ${show(block, flag)}`);
          }
        }
        for (const setting of ['forwardingBlockedEventsTo', 'forwardingViolationsTo']) {
          const target = settings[setting];
          if (typeof target !== 'string' || target === '') continue;
          const unsafe = view.destinations
            .filter((d) => String(d.fields.sourceId) === target)
            .map((d) => ({ d, gap: destinationBaaGap(view, d, context.baaVendors) }))
            .filter((x) => x.gap);
          if (unsafe.length > 0) {
            problems.push(`${setting} = ${target}, whose destination(s) ${unsafe.map((x) => x.d.sid).join(', ')} lack a BAA and a PHI-free allow-list; forwarded events still carry their PHI`);
          }
        }
        findings.push(
          problems.length > 0
            ? segmentFinding('SEG-SCHEMA-CONTROLS', 'fail', source, problems.join('; '))
            : segmentFinding('SEG-SCHEMA-CONTROLS', 'pass', source, 'unplanned and violating properties and traits are omitted; forwarding targets are safe or unset'),
        );
      }
    }
    return findings;
  },
};
