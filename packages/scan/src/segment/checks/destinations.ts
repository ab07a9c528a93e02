// Connections: destination filters (SEG-DEST-FILTERS) and BAA coverage of destinations and
// warehouses (SEG-DEST-BAA). Destinations fed by Reverse ETL sources are judged by the
// Reverse ETL checks instead: filters apply to event streams only.
import type { Check } from '../../check.ts';
import type { Finding } from '../../types.ts';
import { segmentFinding } from '../finding.ts';
import { SEGMENT_KINDS as K } from '../kinds.ts';
import { effectiveFilters, fieldList, isBaaVendor, isPhiSource, judgeFilter, phiFreeAllowList, vendorName, workspaceViews } from '../view.ts';

export const destinationFiltersCheck: Check = {
  name: 'segment-destination-filters',
  control: 'SEG-DEST-FILTERS',
  needs: [K.source, K.destination, K.destinationFilter, K.trackingPlan],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const destination of view.destinations) {
        const sourceId = String(destination.fields.sourceId);
        if (view.retlSourceIds.has(sourceId)) continue;
        const source = view.sourceById.get(sourceId);
        // Only an explicit `enabled: false` is off: an absent or unreadable flag is judged as sending (never a pass).
        if (destination.fields.enabled === false) {
          findings.push(segmentFinding('SEG-DEST-FILTERS', 'pass', destination, 'enabled = false: the destination receives no events'));
          continue;
        }
        if (!isPhiSource(source)) {
          findings.push(segmentFinding('SEG-DEST-FILTERS', 'pass', destination, `source ${sourceId} is labelled phi = false`));
          continue;
        }
        const all = view.filtersByDestination.get(destination.sid) ?? [];
        const effective = effectiveFilters(view, destination.sid);
        const allowNothing = effective.find((j) => j.actions.some((a) => a.type === 'ALLOW_PROPERTIES' && fieldList(a.fields).length === 0));
        if (allowNothing) {
          findings.push(segmentFinding('SEG-DEST-FILTERS', 'fail', destination, `filter ${allowNothing.filter.sid} ALLOW_PROPERTIES lists no field: events arrive empty; list the fields the destination needs`));
        } else if (effective.length > 0) {
          const summary = effective
            .flatMap((j) => j.actions.map((a) => (a.type === 'DROP' ? `${j.filter.sid} DROP` : `${j.filter.sid} ${a.type} [${fieldList(a.fields).join(', ')}]`)))
            .join('; ');
          findings.push(segmentFinding('SEG-DEST-FILTERS', 'pass', destination, `source ${sourceId}: ${summary}`));
        } else {
          const reason =
            all.length === 0
              ? 'no destination filter'
              : all.every((f) => f.fields.enabled !== true)
                ? `${all.length} filter(s), none enabled`
                : `${all.length} filter(s), none that parses, can match and drops or limits fields`;
          findings.push(segmentFinding('SEG-DEST-FILTERS', 'fail', destination, `source ${sourceId} (PHI-bearing): ${reason}; every property and trait reaches ${vendorName(destination)}`));
        }
      }
    }
    return findings;
  },
};

export const filterConditionsCheck: Check = {
  name: 'segment-filter-conditions',
  control: 'SEG-DEST-FILTERS',
  needs: [K.destinationFilter, K.trackingPlan],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const filter of view.resources(K.destinationFilter)) {
        if (filter.fields.enabled === false) continue;
        const judgement = judgeFilter(view, filter);
        if (judgement.parseError) {
          findings.push(
            segmentFinding('SEG-DEST-FILTERS', 'fail', filter, `if does not parse as FQL (${judgement.parseError}): Segment fails closed and DROPS every event this filter sees for destination ${String(filter.fields.destinationId)}`),
          );
        } else if (judgement.never) {
          findings.push(segmentFinding('SEG-DEST-FILTERS', 'fail', filter, `if never matches (${judgement.never}): its ${judgement.actions.map((a) => a.type).join(', ')} never applies`));
        } else {
          findings.push(segmentFinding('SEG-DEST-FILTERS', 'pass', filter, 'if parses as FQL and can match'));
        }
      }
    }
    return findings;
  },
};

export const destinationBaaCheck: Check = {
  name: 'segment-destination-baa',
  control: 'SEG-DEST-BAA',
  needs: [K.source, K.destination, K.destinationFilter, K.trackingPlan, K.warehouse],
  run(inventory, context) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const destination of view.destinations) {
        const sourceId = String(destination.fields.sourceId);
        if (view.retlSourceIds.has(sourceId)) continue;
        if (destination.fields.enabled === false) continue;
        if (!isPhiSource(view.sourceById.get(sourceId))) continue;
        const vendor = vendorName(destination);
        if (isBaaVendor(destination, context.baaVendors)) {
          findings.push(segmentFinding('SEG-DEST-BAA', 'pass', destination, `vendor ${vendor} is on the BAA vendor list`));
          continue;
        }
        const allowed = phiFreeAllowList(view, destination.sid);
        if (allowed) {
          findings.push(segmentFinding('SEG-DEST-BAA', 'pass', destination, `vendor ${vendor} has no BAA; an always-on ALLOW_PROPERTIES filter passes only [${allowed.join(', ')}]`));
        } else {
          findings.push(segmentFinding('SEG-DEST-BAA', 'fail', destination, `vendor ${vendor} is not on the BAA vendor list and receives PHI-bearing source ${sourceId} without an always-on allow-list of non-PHI fields`, { observed: true }));
        }
      }
      for (const warehouse of view.resources(K.warehouse)) {
        if (warehouse.fields.enabled === false) continue;
        const vendor = vendorName(warehouse);
        findings.push(
          isBaaVendor(warehouse, context.baaVendors)
            ? segmentFinding('SEG-DEST-BAA', 'pass', warehouse, `warehouse vendor ${vendor} is on the BAA vendor list`)
            : segmentFinding('SEG-DEST-BAA', 'fail', warehouse, `warehouse vendor ${vendor} is not on the BAA vendor list; warehouses receive every connected source's events`, { observed: true }),
        );
      }
    }
    return findings;
  },
};
