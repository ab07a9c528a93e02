// Event Streams: sinks (webhook destination https, Kinesis, else review; TW-EVENTS-SINKS) and
// subscribed event types from products outside the eligible list (TW-EVENTS-NE-TYPES).
import type { Check } from '../check.ts';
import type { InventoryResource } from '../types.ts';
import { fieldAt, isHttps, phiEvidence, urlEvidence } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { jsonHits } from './phi-metadata.ts';
import { ofKind } from './resources.ts';

/** PHI in a sink's free-text description (Console and API show it to every admin). */
function descriptionPhi(s: InventoryResource): string | undefined {
  const hits = jsonHits(s.fields.description, 'description');
  return hits.length > 0 ? `PHI in ${phiEvidence(hits)}` : undefined;
}

function sinkVerdict(s: InventoryResource): { status: 'pass' | 'fail' | 'manual'; evidence: string } {
  const type = String(s.fields.sink_type ?? '');
  if (type === 'webhook') {
    const destination = String(fieldAt(s.fields, 'sink_configuration.destination') ?? '');
    if (!isHttps(destination)) return { status: 'fail', evidence: `webhook sink not https: ${urlEvidence('sink_configuration.destination', destination)}` };
    return { status: 'pass', evidence: `webhook sink over https: ${urlEvidence('sink_configuration.destination', destination)}` };
  }
  // Kinesis is an AWS HIPAA-eligible service, but the guide asks for it to be configured per
  // AWS's HIPAA guidance, which only a person can confirm: manual, never an automatic pass.
  if (type === 'kinesis') return { status: 'manual', evidence: 'kinesis sink: confirm the stream is configured per AWS HIPAA guidance and under the AWS BAA' };
  return { status: 'manual', evidence: `${type || 'unknown'} sink: confirm it is HIPAA compliant and under a BAA` };
}

export const eventSinks: Check = {
  name: 'events-sinks',
  control: 'TW-EVENTS-SINKS',
  needs: ['events.sink'],
  run: (inventory) =>
    ofKind(inventory, 'events.sink').map((s) => {
      const verdict = sinkVerdict(s);
      const phi = descriptionPhi(s);
      if (!phi) return resourceFinding('TW-EVENTS-SINKS', verdict.status, s, verdict.evidence, { observed: true });
      return resourceFinding('TW-EVENTS-SINKS', 'fail', s, verdict.status === 'fail' ? `${verdict.evidence}; ${phi}` : phi, { observed: true });
    }),
};

/**
 * Event type families of products the guide makes eligible (com.twilio.<family>.*).
 * An allow-list: a type from any other product fails, which is the fail-closed reading.
 */
const ELIGIBLE_EVENT_FAMILIES = new Set([
  'voice',
  'messaging',
  'studio',
  'taskrouter',
  'video',
  'accountsecurity',
  'conversations',
  'error-logs',
  'eventstreams',
  'flex',
  'sync',
]);

/**
 * Types inside an eligible family that still come from a product outside the eligible
 * list: non-eligible channels, and Voice Insights (`com.twilio.voice.insights.*`), which
 * the guide's eligible products do not name.
 */
const NON_ELIGIBLE_FRAGMENTS = /whatsapp|messenger|sendgrid|email|\.insights\./i;

export const subscribedEventTypes: Check = {
  name: 'events-subscribed-types',
  control: 'TW-EVENTS-NE-TYPES',
  needs: ['events.subscribed_event'],
  run: (inventory) =>
    ofKind(inventory, 'events.subscribed_event').map((e) => {
      const type = String(e.fields.type ?? '');
      const family = /^com\.twilio\.([a-z-]+)\./.exec(type)?.[1];
      const eligible = family !== undefined && ELIGIBLE_EVENT_FAMILIES.has(family) && !NON_ELIGIBLE_FRAGMENTS.test(type);
      return eligible
        ? resourceFinding('TW-EVENTS-NE-TYPES', 'pass', e, `type = ${type}`)
        : resourceFinding('TW-EVENTS-NE-TYPES', 'fail', e, `type = ${type}: from a product that is not HIPAA eligible`);
    }),
};
