// Unify and Engage: SQL traits retrieve only what they compute (SEG-ENGAGE-TRAITS), audience
// activations go to vendors under BAA (SEG-ENGAGE-DEST), no Engage Premier messaging channel
// exists (SEG-ENGAGE-PREMIER: not HIPAA eligible), and Profiles Sync warehouses are under BAA
// (SEG-PROFILES-SYNC).
import { isPhiFieldName, selectColumns } from '@chaperone/segment';
import type { Check } from '../../check.ts';
import type { Finding } from '../../types.ts';
import { segmentFinding, workspaceSubject } from '../finding.ts';
import { SEGMENT_KINDS as K } from '../kinds.ts';
import { isBaaVendor, phiFreeAllowList, vendorName, workspaceViews } from '../view.ts';

/** Columns a SQL trait query returns to identify the profile, not as traits. */
const IDENTIFIER_COLUMNS = new Set(['user_id', 'anonymous_id', 'group_id', 'account_id', 'email']);

export const sqlTraitsCheck: Check = {
  name: 'segment-sql-traits',
  control: 'SEG-ENGAGE-TRAITS',
  needs: [K.space, K.computedTrait],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      const traits = view.resources(K.computedTrait);
      const sql = traits.filter((t) => String((t.fields.definition as { type?: string } | undefined)?.type).toUpperCase() === 'SQL');
      if (sql.length === 0) {
        findings.push(segmentFinding('SEG-ENGAGE-TRAITS', 'pass', workspaceSubject(view.account), `no SQL traits among ${traits.length} computed trait(s)`));
        continue;
      }
      for (const trait of sql) {
        const selected = selectColumns(String((trait.fields.definition as { query?: string }).query ?? ''));
        if (selected.kind === 'star') {
          findings.push(segmentFinding('SEG-ENGAGE-TRAITS', 'fail', trait, 'query selects * : every column of the table becomes a profile trait'));
          continue;
        }
        if (selected.kind === 'unparsed') {
          findings.push(segmentFinding('SEG-ENGAGE-TRAITS', 'unknown', trait, `query not understood (${selected.reason}); review its columns by hand`));
          continue;
        }
        const key = typeof trait.fields.key === 'string' ? trait.fields.key.toLowerCase() : undefined;
        const extra = selected.columns.filter((c) => !IDENTIFIER_COLUMNS.has(c) && c !== key);
        const phi = extra.filter(isPhiFieldName);
        findings.push(
          extra.length > 0
            ? segmentFinding('SEG-ENGAGE-TRAITS', 'fail', trait, `query returns column(s) beyond the trait ${key ?? '(no key)'}: ${extra.join(', ')}${phi.length ? ` (PHI-named: ${phi.join(', ')})` : ''}`)
            : segmentFinding('SEG-ENGAGE-TRAITS', 'pass', trait, `query returns only the identifier and the trait ${key ?? ''}`.trim()),
        );
      }
    }
    return findings;
  },
};

export const engageDestinationsCheck: Check = {
  name: 'segment-engage-destinations',
  control: 'SEG-ENGAGE-DEST',
  needs: [K.space, K.audience, K.activation, K.destination, K.destinationFilter, K.trackingPlan],
  run(inventory, context) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      const activations = view.resources(K.activation).filter((a) => a.fields.enabled !== false);
      if (activations.length === 0) {
        findings.push(segmentFinding('SEG-ENGAGE-DEST', 'pass', workspaceSubject(view.account), 'no enabled audience activation'));
        continue;
      }
      for (const activation of activations) {
        const destination = view.destinationById.get(String(activation.fields.connectionId));
        if (!destination) {
          findings.push(segmentFinding('SEG-ENGAGE-DEST', 'unknown', activation, `connection ${String(activation.fields.connectionId)} is not a destination of this workspace`));
          continue;
        }
        const vendor = vendorName(destination);
        const audience = `audience ${String(activation.fields.audienceId)} activates to ${destination.sid}`;
        // The guide's alternative ("otherwise ... filter or block any PHI"), credited as SEG-DEST-BAA does.
        const allowed = isBaaVendor(destination, context.baaVendors) ? undefined : phiFreeAllowList(view, destination.sid);
        findings.push(
          isBaaVendor(destination, context.baaVendors)
            ? segmentFinding('SEG-ENGAGE-DEST', 'pass', activation, `${audience} (${vendor}, on the BAA vendor list)`)
            : allowed
              ? segmentFinding('SEG-ENGAGE-DEST', 'pass', activation, `${audience} (${vendor}, no BAA); an always-on ALLOW_PROPERTIES filter passes only [${allowed.join(', ')}]`)
              : segmentFinding('SEG-ENGAGE-DEST', 'fail', activation, `${audience} (${vendor}), not on the BAA vendor list and without an always-on allow-list of non-PHI fields`),
        );
      }
    }
    return findings;
  },
};

/** Engage Premier channels appear in Connections as messaging destinations. */
const ENGAGE_CHANNEL_SLUG = /(personas|engage)-messaging|engage-(sms|email|whatsapp)/i;

export const engagePremierCheck: Check = {
  name: 'segment-engage-premier',
  control: 'SEG-ENGAGE-PREMIER',
  needs: [K.destination],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      const channels = view.destinations.filter((d) => ENGAGE_CHANNEL_SLUG.test(String((d.fields.metadata as { slug?: string } | undefined)?.slug ?? '')));
      for (const channel of channels) {
        findings.push(segmentFinding('SEG-ENGAGE-PREMIER', 'fail', channel, `${vendorName(channel)} is an Engage Premier messaging channel (campaigns, SMS/email journeys): not HIPAA eligible`));
      }
      if (channels.length === 0) {
        findings.push(segmentFinding('SEG-ENGAGE-PREMIER', 'pass', workspaceSubject(view.account), `no Engage messaging channel among ${view.destinations.length} destination(s)`));
      }
    }
    return findings;
  },
};

export const profilesSyncCheck: Check = {
  name: 'segment-profiles-sync',
  control: 'SEG-PROFILES-SYNC',
  needs: [K.space, K.profilesWarehouse],
  run(inventory, context) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      const warehouses = view.resources(K.profilesWarehouse).filter((w) => w.fields.enabled !== false);
      if (warehouses.length === 0) {
        findings.push(segmentFinding('SEG-PROFILES-SYNC', 'pass', workspaceSubject(view.account), 'no enabled Profiles Sync warehouse'));
        continue;
      }
      for (const warehouse of warehouses) {
        const vendor = vendorName(warehouse);
        findings.push(
          isBaaVendor(warehouse, context.baaVendors)
            ? segmentFinding('SEG-PROFILES-SYNC', 'pass', warehouse, `space ${String(warehouse.fields.spaceId)} syncs profiles to ${vendor}, on the BAA vendor list`)
            : segmentFinding('SEG-PROFILES-SYNC', 'fail', warehouse, `space ${String(warehouse.fields.spaceId)} syncs profiles to ${vendor}, not on the BAA vendor list`, { observed: true }),
        );
      }
    }
    return findings;
  },
};
