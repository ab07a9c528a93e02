import { addressScheme, isEligibleMessagingAddress, type ControlId } from '@chaperone/controls';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HipaaPolicyError } from '../outbound/error.ts';
import { classifyNumber, type UsNumberOptions } from '../outbound/rules/us-numbers.ts';

export interface TwimlCheckOptions extends UsNumberOptions {
  /** Hosts `<Stream url>` may point at (exact host names). Default: any wss:// host. */
  allowedStreamHosts?: readonly string[];
}

export interface TwimlFinding {
  controlId: ControlId;
  /** Element path, e.g. `Response/Connect/Stream`. */
  element: string;
  reason: string;
  fix: string;
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

// Attributes naming a URL Twilio will request: action, statusCallback, recordingStatusCallback,
// waitUrl, url, transcribeCallback, amdStatusCallback, referUrl...
const URL_ATTRIBUTE = /^(action|url|[a-zA-Z]*Url|[a-zA-Z]*Callback)$/;
// Elements whose text is a URL Twilio fetches.
const URL_TEXT_ELEMENTS = new Set(['Play', 'Redirect', 'Media']);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

interface MediaTarget {
  controlId: ControlId;
  reason: string;
  fix: string;
}

const BOT_FIX = 'keep PHI calls away from bots that are not HIPAA eligible: <Gather> to your own BAA-covered service, or <Stream> (wss) to a bot vendor you hold a BAA with';
const AI_FIX = 'use <Gather> or <Stream> (wss) to your own BAA-covered speech service until Twilio lists this feature as HIPAA eligible';
// Nouns that hand the call's audio (and the caller's words) to a product outside the guide's
// HIPAA eligible list. Autopilot's successors and third-party bots are TW-AUTOPILOT ("third-party
// bots are the customer's responsibility"; Dialogflow CX behind <VirtualAgent> is Google's,
// reached through Twilio's integration, with no BAA in that path); the AI/ML speech features
// (Conversation Relay's STT/TTS providers, real-time transcription) are not on the eligible
// list, TW-ELIGIBLE-ONLY. Unknown is never pass: a noun is listed until Twilio says otherwise.
const NON_ELIGIBLE_MEDIA_TARGETS: Readonly<Record<string, MediaTarget>> = {
  // <Connect><Autopilot>: the guide's named non-eligible IVR/bot (retired, still accepted in old apps).
  Autopilot: { controlId: 'TW-AUTOPILOT', reason: 'sends the call to an Autopilot assistant, which is not HIPAA eligible', fix: BOT_FIX },
  VirtualAgent: { controlId: 'TW-AUTOPILOT', reason: 'sends the call to a Dialogflow CX virtual agent, a third-party bot that is not HIPAA eligible', fix: BOT_FIX },
  Assistant: { controlId: 'TW-AUTOPILOT', reason: 'sends the call to an AI Assistant, which is not HIPAA eligible', fix: BOT_FIX },
  AiSession: { controlId: 'TW-AUTOPILOT', reason: 'sends the call to an AI session, which is not HIPAA eligible', fix: BOT_FIX },
  ConversationRelay: { controlId: 'TW-ELIGIBLE-ONLY', reason: 'sends the call audio to Conversation Relay speech-to-text and text-to-speech providers, which are not HIPAA eligible', fix: AI_FIX },
  ConversationRelaySession: { controlId: 'TW-ELIGIBLE-ONLY', reason: 'sends the call audio to Conversation Relay, which is not HIPAA eligible', fix: AI_FIX },
  Transcription: { controlId: 'TW-ELIGIBLE-ONLY', reason: 'sends the call audio to real-time transcription providers, which are not HIPAA eligible', fix: AI_FIX },
};

/**
 * Checks TwiML (a string, or the SDK's VoiceResponse / MessagingResponse) against the
 * guide: `<Stream url>` wss (and allow-listed), every absolute URL https, no WhatsApp or
 * Messenger address, numbers dialled or messaged in the US. Relative URLs resolve against
 * the (https) webhook URL and pass. Unparseable TwiML is a finding: it cannot be checked.
 */
export function checkTwiml(twiml: string | { toString(): string }, options: TwimlCheckOptions = {}): TwimlFinding[] {
  const xml = typeof twiml === 'string' ? twiml : twiml.toString();
  if (XMLValidator.validate(xml) !== true) {
    return [{ controlId: 'TW-HTTPS', element: '(document)', reason: 'the TwiML is not well-formed XML, so it cannot be checked', fix: 'build TwiML with the SDK (VoiceResponse / MessagingResponse)' }];
  }
  const findings: TwimlFinding[] = [];
  walk(parser.parse(xml) as XmlNode[], [], findings, options);
  return findings;
}

/** Throws HipaaPolicyError for the first finding; returns the TwiML text otherwise. */
export function assertTwiml(twiml: string | { toString(): string }, options: TwimlCheckOptions = {}): string {
  const xml = typeof twiml === 'string' ? twiml : twiml.toString();
  const [first] = checkTwiml(xml, options);
  if (first) throw new HipaaPolicyError(first.controlId, 'twiml', `${first.element}: ${first.reason}`, first.fix);
  return xml;
}

function walk(nodes: XmlNode[], path: string[], findings: TwimlFinding[], options: TwimlCheckOptions): void {
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const here = [...path, name];
    const element = here.join('/');
    const attributes = node[':@'] ?? {};
    const children = (node[name] as XmlNode[] | undefined) ?? [];
    const text = children.map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : '')).join('').trim();
    checkElement(name, element, attributes, text, path.at(-1), findings, options);
    walk(children, here, findings, options);
  }
}

function checkElement(name: string, element: string, attributes: Record<string, string>, text: string, parent: string | undefined, findings: TwimlFinding[], options: TwimlCheckOptions): void {
  const add = (controlId: ControlId, reason: string, fix: string) => findings.push({ controlId, element, reason, fix });
  const httpsFix = 'use https (or a relative URL) for every URL Twilio requests from TwiML';
  for (const [attribute, value] of Object.entries(attributes)) {
    // WebSocket URLs: wss is their https (Stream is checked below, ConversationRelay here).
    if ((name === 'Stream' || name === 'ConversationRelay') && attribute === 'url') {
      if (name === 'ConversationRelay' && !/^wss:\/\//i.test(value.trim())) add('TW-HTTPS', 'attribute url is not a wss:// URL', 'use a wss:// URL');
      continue;
    }
    if (URL_ATTRIBUTE.test(attribute) && !httpsOrRelative(value)) add('TW-HTTPS', `attribute ${attribute} is not an https URL`, httpsFix);
  }
  if (URL_TEXT_ELEMENTS.has(name) && text !== '' && !httpsOrRelative(text)) add('TW-HTTPS', 'the element text is not an https URL', httpsFix);

  const target = NON_ELIGIBLE_MEDIA_TARGETS[name];
  // <Stop><Transcription> ends a transcription; it sends nothing.
  if (target && parent !== 'Stop') add(target.controlId, target.reason, target.fix);

  if (name === 'Stream') {
    const url = attributes['url'] ?? '';
    const streamFix = 'stream media only to wss:// endpoints you have a BAA for (allowedStreamHosts)';
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.protocol !== 'wss:') add('TW-VOICE-MEDIA-STREAMS', 'attribute url is not a wss:// URL', streamFix);
    else if (options.allowedStreamHosts && !options.allowedStreamHosts.includes(parsed.hostname.toLowerCase())) add('TW-VOICE-MEDIA-STREAMS', 'attribute url points at a host that is not in allowedStreamHosts', streamFix);
  }

  if (name === 'Message' || name === 'Sms') {
    for (const attribute of ['to', 'from']) {
      const value = attributes[attribute];
      if (value !== undefined) checkAddress(value, `attribute ${attribute}`, 'TW-SMS-US-ONLY', add, options);
    }
  }
  if (name === 'Number' && parent === 'Dial') checkAddress(text, 'the dialled number', 'TW-VOICE-US-ONLY', add, options);
  // A SIP URI's E.164 user part is a phone number (classifyNumber reads it); other user parts are not.
  if (name === 'Sip' && parent === 'Dial') checkAddress(text, 'the dialled SIP URI', 'TW-VOICE-US-ONLY', add, options);
  if (name === 'Dial') {
    if (text !== '') checkAddress(text, 'the dialled number', 'TW-VOICE-US-ONLY', add, options);
    if (attributes['callerId'] !== undefined) checkAddress(attributes['callerId'], 'attribute callerId', 'TW-VOICE-US-ONLY', add, options);
  }
}

function checkAddress(value: string, what: string, controlId: ControlId, add: (c: ControlId, r: string, f: string) => void, options: UsNumberOptions): void {
  // The catalog's channel policy, as the outbound rules apply it: any channel scheme is refused.
  if (!isEligibleMessagingAddress(value)) {
    add('TW-SMS-CHANNELS', `${what} is a ${addressScheme(value)}: address`, 'only SMS/MMS are HIPAA eligible here (WhatsApp, Messenger, RCS and other channels are not); reply over SMS to US numbers');
    return;
  }
  const verdict = classifyNumber(value, options);
  if (verdict !== 'not-a-number' && !verdict.us) add(controlId, `${what} ${verdict.why}`, 'only US area codes are HIPAA eligible');
}

function httpsOrRelative(value: string): boolean {
  const trimmed = value.trim();
  const scheme = SCHEME.exec(trimmed)?.[1];
  return scheme === undefined || scheme.toLowerCase() === 'https';
}
