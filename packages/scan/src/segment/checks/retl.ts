// Reverse ETL: models select only what their mappings send (SEG-RETL-MAPPING), and
// mappings to vendors without a BAA send no PHI-named field (SEG-RETL-DEST).
// Mappings are destination subscriptions with `modelId` set.
import { isPhiFieldName, selectColumns } from '@chaperone/segment';
import type { Check } from '../../check.ts';
import type { Finding, InventoryResource } from '../../types.ts';
import { segmentFinding } from '../finding.ts';
import { SEGMENT_KINDS as K } from '../kinds.ts';
import { isBaaVendor, vendorName, workspaceViews } from '../view.ts';

/** Pairs of (destination field, model column) a mapping's settings send. */
export function mappedFields(settings: unknown): { field: string; column: string }[] {
  const out: { field: string; column: string }[] = [];
  const columnOf = (path: string) => path.replace(/^\$\./, '').replace(/^properties\./, '').split('.')[0]!.toLowerCase();
  const walk = (node: unknown, field: string) => {
    if (typeof node === 'string') {
      // Templates such as "{{properties.email}}" reference columns too.
      for (const m of node.matchAll(/\{\{\s*(?:properties\.)?([\w$]+)[^}]*\}\}/g)) out.push({ field, column: m[1]!.toLowerCase() });
      return;
    }
    if (Array.isArray(node)) return node.forEach((n) => walk(n, field));
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key === '@path' && typeof value === 'string') out.push({ field, column: columnOf(value) });
        else walk(value, key.startsWith('@') ? field : field ? `${field}.${key}` : key);
      }
    }
  };
  walk(settings, '');
  return out;
}

function mappingsOf(subscriptions: InventoryResource[], modelId: string): InventoryResource[] {
  return subscriptions.filter((s) => s.fields.modelId === modelId && s.fields.enabled !== false);
}

export const retlModelColumnsCheck: Check = {
  name: 'segment-retl-model-columns',
  control: 'SEG-RETL-MAPPING',
  needs: [K.reverseEtlModel, K.destinationSubscription],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const model of view.models) {
        if (model.fields.enabled === false) {
          findings.push(segmentFinding('SEG-RETL-MAPPING', 'pass', model, 'enabled = false: the model does not sync'));
          continue;
        }
        const selected = selectColumns(String(model.fields.query ?? ''));
        const mappings = mappingsOf(view.subscriptions, model.sid);
        if (selected.kind === 'star') {
          findings.push(segmentFinding('SEG-RETL-MAPPING', 'fail', model, 'query selects * : every column of the source tables leaves the warehouse, mapped or not; select only mapped columns'));
          continue;
        }
        if (selected.kind === 'unparsed') {
          findings.push(segmentFinding('SEG-RETL-MAPPING', 'unknown', model, `query not understood (${selected.reason}); review its columns by hand`));
          continue;
        }
        if (mappings.length === 0) {
          findings.push(segmentFinding('SEG-RETL-MAPPING', 'pass', model, 'no enabled mapping uses this model: nothing is sent'));
          continue;
        }
        const used = new Set(mappings.flatMap((m) => mappedFields(m.fields.settings).map((f) => f.column)));
        used.add(String(model.fields.queryIdentifierColumn ?? '').toLowerCase());
        const unused = selected.columns.filter((c) => !used.has(c));
        findings.push(
          unused.length > 0
            ? segmentFinding('SEG-RETL-MAPPING', 'fail', model, `query selects column(s) no mapping uses: ${unused.join(', ')} (mappings: ${mappings.map((m) => m.sid).join(', ')})`)
            : segmentFinding('SEG-RETL-MAPPING', 'pass', model, `every selected column is mapped or is the identifier (${selected.columns.join(', ')})`),
        );
      }
    }
    return findings;
  },
};

export const retlDestinationCheck: Check = {
  name: 'segment-retl-destination',
  control: 'SEG-RETL-DEST',
  needs: [K.reverseEtlModel, K.destinationSubscription, K.destination],
  run(inventory, context) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const mapping of view.subscriptions) {
        if (typeof mapping.fields.modelId !== 'string' || mapping.fields.enabled === false) continue;
        const destination = view.destinationById.get(String(mapping.fields.destinationId));
        if (!destination) {
          findings.push(segmentFinding('SEG-RETL-DEST', 'unknown', mapping, `destination ${String(mapping.fields.destinationId)} of this mapping was not found`));
          continue;
        }
        const vendor = vendorName(destination);
        if (isBaaVendor(destination, context.baaVendors)) {
          findings.push(segmentFinding('SEG-RETL-DEST', 'pass', mapping, `vendor ${vendor} is on the BAA vendor list`));
          continue;
        }
        const phi = mappedFields(mapping.fields.settings).filter((f) => isPhiFieldName(f.field) || isPhiFieldName(f.column));
        findings.push(
          phi.length > 0
            ? segmentFinding('SEG-RETL-DEST', 'fail', mapping, `vendor ${vendor} is not on the BAA vendor list and the mapping sends PHI field(s): ${phi.map((f) => `${f.field} <- ${f.column}`).join(', ')}`, { observed: true })
            : segmentFinding('SEG-RETL-DEST', 'pass', mapping, `vendor ${vendor} has no BAA; the mapping sends no PHI-named field`),
        );
      }
    }
    return findings;
  },
};
