// Protocols: every PHI-bearing event source has a tracking plan, and Schema Configuration
// that blocks what is not planned (events, properties, traits) and forwards blocked events
// only somewhere safe (SEG-PROTOCOLS-PLAN: "block non-conforming and non-relevant data and
// events"). Schema controls (SEG-SCHEMA-CONTROLS) are the guide's other setting: which
// events reach each destination, judged per destination.
import { tryParseFql, type FqlNode } from '@chaperone/segment';
import type { Check } from '../../check.ts';
import type { Finding, InventoryResource } from '../../types.ts';
import { segmentFinding } from '../finding.ts';
import { SEGMENT_KINDS as K } from '../kinds.ts';
import { destinationBaaGap, effectiveFilters, isPhiSource, type WorkspaceView, workspaceViews } from '../view.ts';

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

/** What in a source's Schema Configuration lets unplanned or violating data through. */
function schemaConfigurationProblems(view: WorkspaceView, settings: Json, baaVendors: readonly string[]): string[] {
  const problems: string[] = [];
  const track = settings.track as Json | undefined;
  for (const flag of ['allowUnplannedEvents', 'allowEventOnViolations', 'allowUnplannedEventProperties', 'allowPropertiesOnViolations']) {
    if (allows(track, flag)) problems.push(`track.${flag} = ${show(track, flag)}`);
  }
  const common = track?.commonEventOnViolations;
  if (!BLOCKING.has(String(common))) problems.push(`track.commonEventOnViolations = ${common === undefined ? 'unset (Segment allows)' : String(common)}`);
  for (const call of ['identify', 'group']) {
    const block = settings[call] as Json | undefined;
    for (const flag of ['allowUnplannedTraits', 'allowTraitsOnViolations']) {
      if (allows(block, flag)) problems.push(`${call}.${flag} = ${show(block, flag)}`);
    }
  }
  for (const setting of ['forwardingBlockedEventsTo', 'forwardingViolationsTo']) {
    const target = settings[setting];
    if (typeof target !== 'string' || target === '') continue;
    const unsafe = view.destinations.filter((d) => String(d.fields.sourceId) === target && destinationBaaGap(view, d, baaVendors));
    if (unsafe.length > 0) {
      problems.push(`${setting} = ${target}, whose destination(s) ${unsafe.map((d) => d.sid).join(', ')} lack a BAA and a PHI-free allow-list; forwarded events still carry their PHI`);
    }
  }
  return problems;
}

export const trackingPlanCheck: Check = {
  name: 'segment-tracking-plan',
  control: 'SEG-PROTOCOLS-PLAN',
  needs: [K.source, K.sourceSettings, K.trackingPlan, K.destination, K.destinationFilter],
  run(inventory, context) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const source of view.sources) {
        const out = scope(view, source);
        if (out) {
          findings.push(segmentFinding('SEG-PROTOCOLS-PLAN', 'pass', source, out));
          continue;
        }
        const plans = (view.plansBySource.get(source.sid) ?? []).filter((p) => p.fields.type === 'LIVE' || p.fields.type === 'ENGAGE');
        const problems = [...(plans.length === 0 ? ['no tracking plan connected'] : []), ...schemaConfigurationProblems(view, view.settingsBySource.get(source.sid) ?? {}, context.baaVendors)];
        findings.push(
          problems.length > 0
            ? segmentFinding('SEG-PROTOCOLS-PLAN', 'fail', source, problems.join('; '))
            : segmentFinding('SEG-PROTOCOLS-PLAN', 'pass', source, `tracking plan ${plans.map((p) => p.sid).join(', ')} connected; unplanned and violating events, properties and traits blocked; forwarding targets safe or unset`),
        );
      }
    }
    return findings;
  },
};

const NAMELESS_TYPES = new Set(['identify', 'group', 'alias']);

/**
 * Whether an FQL condition only matches named events: `event = "X"`, `event in [...]`, or a
 * call type that has no event name (identify, group, alias), combined by `and` (either side
 * limits) or `or` (both must). `type = "track"` alone matches every track event: no limit.
 */
export function namesEvents(node: FqlNode): boolean {
  const path = (n: FqlNode) => (n.kind === 'path' ? n.segments.join('.') : undefined);
  const literal = (n: FqlNode) => (n.kind === 'literal' && typeof n.value === 'string' ? n.value : undefined);
  switch (node.kind) {
    case 'compare': {
      if (node.op !== '=') return false;
      const [p, v] = path(node.left) ? [path(node.left), literal(node.right)] : [path(node.right), literal(node.left)];
      if (v === undefined) return false;
      return p === 'event' || (p === 'type' && NAMELESS_TYPES.has(v.toLowerCase()));
    }
    case 'in':
      return path(node.left) === 'event' || (path(node.left) === 'type' && node.list.every((v) => typeof v === 'string' && NAMELESS_TYPES.has(v.toLowerCase())));
    case 'logical':
      return node.op === 'and' ? namesEvents(node.left) || namesEvents(node.right) : namesEvents(node.left) && namesEvents(node.right);
    default:
      return false;
  }
}

/** How a destination's events are limited, as evidence; undefined when nothing the API shows limits them. */
function eventLimit(view: WorkspaceView, destination: InventoryResource): string | undefined {
  const drops = effectiveFilters(view, destination.sid).filter((j) => j.actions.some((a) => a.type === 'DROP'));
  if (drops.length > 0) return `destination filter(s) ${drops.map((j) => j.filter.sid).join(', ')} drop the events their condition matches`;
  const subscriptions = view.subscriptions.filter((s) => String(s.fields.destinationId) === destination.sid && !s.fields.modelId && s.fields.enabled !== false);
  const isActions = String((destination.fields.metadata as Json | undefined)?.slug ?? '').startsWith('actions-');
  if (!isActions) return undefined;
  if (subscriptions.length === 0) return 'Actions destination with no enabled mapping: it receives no event';
  const open = subscriptions.filter((s) => {
    const parsed = tryParseFql(String(s.fields.trigger ?? ''));
    return !parsed.ok || !namesEvents(parsed.ast);
  });
  if (open.length > 0) return undefined;
  return `every enabled Actions mapping (${subscriptions.map((s) => s.sid).join(', ')}) triggers on named events only`;
}

export const schemaControlsCheck: Check = {
  name: 'segment-schema-controls',
  control: 'SEG-SCHEMA-CONTROLS',
  needs: [K.source, K.destination, K.destinationFilter, K.destinationSubscription, K.trackingPlan],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const destination of view.destinations) {
        const sourceId = String(destination.fields.sourceId);
        if (view.retlSourceIds.has(sourceId)) continue;
        if (destination.fields.enabled === false) {
          findings.push(segmentFinding('SEG-SCHEMA-CONTROLS', 'pass', destination, 'enabled = false: the destination receives no events'));
          continue;
        }
        if (!isPhiSource(view.sourceById.get(sourceId))) {
          findings.push(segmentFinding('SEG-SCHEMA-CONTROLS', 'pass', destination, `source ${sourceId} is labelled phi = false`));
          continue;
        }
        const limit = eventLimit(view, destination);
        findings.push(
          limit
            ? segmentFinding('SEG-SCHEMA-CONTROLS', 'pass', destination, `source ${sourceId}: ${limit}`)
            : segmentFinding(
                'SEG-SCHEMA-CONTROLS',
                'fail',
                destination,
                `source ${sourceId} (PHI-bearing): no destination filter drops events and no Actions trigger names them, so every event may reach it; limit them, or attest the Schema tab's per-event destination toggles (not in the Public API)`,
              ),
        );
      }
    }
    return findings;
  },
};
