// The app's own Twilio numbers, told apart from patients' by where Twilio puts them (ours,
// from Twilio's webhook and log semantics): on an inbound message or call the app's number is
// `To` / `Called`; on an outbound one (sent, queued, delivered, undelivered, failed, status
// callbacks) it is `From` / `Caller`; Conversations' `ProxyAddress` and keys such as
// `reminder_from` / `sender` always hold it; and prose that names the app as the sender ("a
// text from +13125550166", "Reminders come from ...", "text us at ...") does too. Only E.164
// written without separators, the way Twilio prints its numbers: a patient's number typed by
// hand is still a phone. Redacting these breaks the log line for the user and hides no one.
import type { Span } from './operational.ts';

const E164 = String.raw`(?:whatsapp:|sms:|tel:)?(\+[1-9]\d{9,14})(?![\d\w])`;
// A key and its E.164 value, in JSON (also backslash-escaped inside a JSON string) and key=value text.
const KEYED_NUMBER = new RegExp(String.raw`(?<![\w.])\\?["']?([A-Za-z][\w.]{0,40})\\?["']?\s*[:=]\s*\\?["']?` + E164, 'g');
// Direction, strongest word first: "inbound" / a received status; then an outbound word or a
// delivery status (status callbacks only exist for outbound messages) or the API call that
// sends one; then the parameters only Twilio's inbound webhooks carry (Body, SpeechResult,
// Digits, CallStatus on an incoming call).
const INBOUND = /\binbound\b|\bincoming\b|(?:SmsStatus|MessageStatus)\\?"?\s*[:=]\s*\\?"?received/i;
const OUTBOUND = /\boutbound|\bsent\b|\bsending\b|\bqueued\b|\bdeliver|\bundelivered\b|\bfailed\b|\bcampaign\b|\bno-answer\b|POST \/\S*messages\b/i;
const INBOUND_WEBHOOK = /"(?:Body|SpeechResult|Digits|CallStatus|RecordingSid|NumMedia|OptOutType)\\?"\s*:/;

function direction(text: string): 'in' | 'out' | undefined {
  const inbound = INBOUND.test(text);
  const outbound = OUTBOUND.test(text);
  if (inbound) return outbound ? undefined : 'in';
  if (outbound) return 'out';
  return INBOUND_WEBHOOK.test(text) ? 'in' : undefined;
}
const ALWAYS_OURS = /^(?:reminder_?from|sender|sender_?number|twilio_?number|proxy_?address|messagingbinding\.proxyaddress|from_?number_?app|our_?number|messaging_?number|caller_?id|default_?caller_?id|callerid)$/i;
const SENDER_PROSE = new RegExp(
  String.raw`\b(?:sent\s+(?:[A-Z]{2}[0-9a-f]{32}\s+)?from|(?:texts?|messages?|sms|reminders?|codes?|replies|calls?)\s+(?:(?:will\s+)?(?:come|comes|came|coming)\s+)?from|sender|retry\s+from|unsubscribed\s+from|replied\s+by|text\s+us\s+at|call\s+us\s+at|reach\s+us\s+(?:\w+\s+)?at|text\s+this\s+number\s+or\s+call|our\s+(?:number|line)(?:\s+is)?)[:\s]+` + E164,
  'gi',
);
const GATE = /\+[1-9]\d{9}/;

export function ownNumberSpans(text: string, spans: Span[]): void {
  if (!GATE.test(text)) return;
  const dir = direction(text);
  KEYED_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYED_NUMBER.exec(text)) !== null) {
    const key = (m[1] as string).toLowerCase();
    const ours =
      ALWAYS_OURS.test(key) ||
      (dir === 'in' && (key === 'to' || key === 'called')) ||
      (dir === 'out' && key === 'from');
    if (!ours) continue;
    const value = m[2] as string;
    const end = m.index + m[0].length;
    spans.push({ start: end - value.length, end });
  }
  if (text.length < 4096 || SENDER_PROSE.test(text)) {
    SENDER_PROSE.lastIndex = 0;
    while ((m = SENDER_PROSE.exec(text)) !== null) {
      const value = m[1] as string;
      const end = m.index + m[0].length;
      spans.push({ start: end - value.length, end });
    }
  }
}
