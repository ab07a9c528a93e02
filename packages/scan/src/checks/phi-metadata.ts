// PHI in metadata that Console users, Flex Insights or the Debugger expose: Studio flow
// definitions (TW-RT-STUDIO), Debugger alerts (TW-RT-DEBUGGER), TaskRouter worker and
// task attributes (TW-FLEX-INSIGHTS-ATTRS), Flex configuration (TW-FLEX-UI-CONFIG),
// Conversations and Chat attributes. Evidence names the field path and PHI type, never the value.
//
// Control mapping for attributes (no row names them; the closest text wins):
// - Conversations conversation and participant `attributes` -> TW-CONV-INHERIT ("SMS and
//   Chat requirements apply inside Conversations"): the SMS rule on free-form JSON metadata
//   (Message Tagging: "no data that could be construed as PHI" in custom attributes) is the
//   guide's only rule about such fields, and Conversations inherits it. Message attributes
//   are not read: messages are the content Conversations may carry, and reading every
//   message of every conversation would dwarf the rest of the scan.
// - Chat user `attributes` -> TW-CHAT-PRIVATE ("only private channels may carry PHI"): a
//   user's attributes are readable by every user of the service, as public as a public
//   channel. Chat channel attributes are judged by chatPrivateChannels (chat.ts): PHI on a
//   public channel is named there; a private channel may carry PHI.
// - Event Streams sink `description` -> TW-EVENTS-SINKS, in eventSinks (events.ts).
import { nonEligibleStudioWidgets, type ControlId } from '@chaperone/controls';
import { detectPhi, scanJson } from '@chaperone/phi';
import type { Check } from '../check.ts';
import type { InventoryResource } from '../types.ts';
import { isHttps, parseMaybeJson, phiEvidence, urlEvidence } from './evidence.ts';
import { FLEX_JSON_FIELDS } from './flex-fields.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';

export interface Hit {
  path: string;
  type: string;
}

/**
 * URL hits are dropped: configuration and logs are full of the customer's own endpoints
 * (webhook targets, EHR bridges), which identify a service, not a patient.
 */
const notServiceUrl = (h: { type: string }) => h.type !== 'URL';

/** PHI hits in a JSON value (or JSON inside a string, or plain text), URL hits dropped. */
export function jsonHits(value: unknown, prefix: string): Hit[] {
  const parsed = parseMaybeJson(value);
  if (parsed === null || parsed === undefined || parsed === '') return [];
  if (typeof parsed === 'string') return detectPhi(parsed).filter(notServiceUrl).map((h) => ({ path: prefix, type: h.type }));
  return scanJson(parsed)
    .filter(notServiceUrl)
    .map((h) => ({ path: h.path ? `${prefix}.${h.path}` : prefix, type: h.type }));
}

/** Form-encoded request variables (`To=...&Body=...`) as an object for the JSON scan. */
function formHits(value: unknown, prefix: string): Hit[] {
  if (typeof value !== 'string' || value.trim() === '') return jsonHits(value, prefix);
  const text = value.trim();
  if (text.startsWith('{')) return jsonHits(text, prefix);
  const params = Object.fromEntries(new URLSearchParams(text));
  return scanJson(params)
    .filter(notServiceUrl)
    .map((h) => ({ path: `${prefix}.${h.path}`, type: h.type }));
}

function phiCheck(name: string, control: ControlId, kind: string, reads: readonly string[], hitsOf: (r: InventoryResource) => Hit[], extra?: (r: InventoryResource) => string[]): Check {
  return {
    name,
    control,
    needs: [kind],
    run: (inventory) =>
      ofKind(inventory, kind).map((r) => {
        // "No PHI detected" only about a field that was there to read (null is the API's empty).
        if (reads.every((f) => r.fields[f] === undefined)) return resourceFinding(control, 'unknown', r, `${reads.join(', ')} absent: nothing to check for PHI`);
        const hits = hitsOf(r);
        const problems = [...(hits.length > 0 ? [`PHI in ${phiEvidence(hits)}`] : []), ...(extra?.(r) ?? [])];
        // PHI (or a non-eligible address) seen in the field itself: observed, so a special
        // consideration's fail stays fail rather than going to a person.
        return problems.length > 0 ? resourceFinding(control, 'fail', r, problems.join('; '), { observed: true }) : resourceFinding(control, 'pass', r, 'no PHI detected');
      }),
  };
}

/** Widgets that hand messages to non-eligible channels, and widgets of non-eligible products (the shared list of @chaperone/controls). */
function studioChannelProblems(r: InventoryResource): string[] {
  const definition = parseMaybeJson(r.fields.definition) as { states?: { name?: string; properties?: unknown }[] } | undefined;
  const problems: string[] = [];
  for (const state of Array.isArray(definition?.states) ? definition.states : []) {
    const text = JSON.stringify(state?.properties ?? {});
    if (/"(whatsapp|messenger):/i.test(text)) problems.push(`widget ${String(state.name)} uses a WhatsApp/Messenger address`);
  }
  for (const widget of nonEligibleStudioWidgets(definition)) problems.push(`widget ${widget.state} (${widget.type}) sends the flow to ${widget.product}, not HIPAA eligible`);
  return problems;
}

export const studioDefinitions = phiCheck('studio-definition-phi', 'TW-RT-STUDIO', 'studio.flow', ['definition'], (r) => jsonHits(r.fields.definition, 'definition'), studioChannelProblems);

export const debuggerAlerts = phiCheck('debugger-alerts-phi', 'TW-RT-DEBUGGER', 'monitor.alert', ['alert_text', 'request_variables', 'response_body'], (r) => [
  ...formHits(r.fields.alert_text, 'alert_text'),
  ...formHits(r.fields.request_variables, 'request_variables'),
  ...jsonHits(r.fields.response_body, 'response_body'),
]);

/**
 * The agent's own identity, which Flex writes into every worker from the sign-in (SSO
 * attribute mapping: full_name, email, roles, image_url; contact_uri is the agent's client
 * identity): the workforce, not a patient, and present on every Flex worker, so reading them
 * as PHI would fail every Flex account. Only these top-level keys are left out; anything else
 * in the attributes, and these keys nested under another, is still read.
 */
const WORKER_IDENTITY_PATHS = new Set(['attributes.full_name', 'attributes.email', 'attributes.contact_uri', 'attributes.image_url', 'attributes.roles']);
const notWorkerIdentity = (h: Hit) => ![...WORKER_IDENTITY_PATHS].some((p) => h.path === p || h.path.startsWith(`${p}[`));

export const workerAttributes = phiCheck('taskrouter-worker-attributes-phi', 'TW-FLEX-INSIGHTS-ATTRS', 'taskrouter.worker', ['attributes'], (r) =>
  jsonHits(r.fields.attributes, 'attributes').filter(notWorkerIdentity),
);
export const taskAttributes = phiCheck('taskrouter-task-attributes-phi', 'TW-FLEX-INSIGHTS-ATTRS', 'taskrouter.task', ['attributes'], (r) => jsonHits(r.fields.attributes, 'attributes'));

const FLEX_URL_FIELDS = ['call_recording_webhook_url', 'crm_callback_url', 'crm_fallback_url'];

export const flexConfiguration = phiCheck(
  'flex-configuration-phi',
  'TW-FLEX-UI-CONFIG',
  'flex.configuration',
  FLEX_JSON_FIELDS,
  (r) => FLEX_JSON_FIELDS.flatMap((f) => jsonHits(r.fields[f], f)),
  (r) =>
    FLEX_URL_FIELDS.filter((f) => typeof r.fields[f] === 'string' && r.fields[f] !== '' && !isHttps(String(r.fields[f]))).map(
      (f) => `not https: ${urlEvidence(f, String(r.fields[f]))}`,
    ),
);

export const conversationAttributes = phiCheck('conversations-conversation-attributes-phi', 'TW-CONV-INHERIT', 'conversations.conversation', ['attributes'], (r) => jsonHits(r.fields.attributes, 'attributes'));
export const participantAttributes = phiCheck('conversations-participant-attributes-phi', 'TW-CONV-INHERIT', 'conversations.participant', ['attributes'], (r) => jsonHits(r.fields.attributes, 'attributes'));
export const chatUserAttributes = phiCheck('chat-user-attributes-phi', 'TW-CHAT-PRIVATE', 'chat.user', ['attributes'], (r) => jsonHits(r.fields.attributes, 'attributes'));
