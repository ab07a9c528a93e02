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
// Sticky: tried only just before each number (keyedNumbers), not at every position of the line.
const KEYED_NUMBER = new RegExp(String.raw`(?<![\w.])\\?["']?([A-Za-z][\w.]{0,40})\\?["']?\s*[:=]\s*\\?["']?` + E164, 'y');
// Non-space characters a KEYED_NUMBER match can hold before its '+': the lookbehind's, a key of
// 41, two quotes (each maybe escaped) either side of the separator, and a "whatsapp:" prefix.
const KEYED_NUMBER_REACH = 1 + 41 + 2 + 1 + 2 + 9;
const NUMBER_AT = /\+[1-9]\d{9,14}(?![\d\w])/y;

/**
 * Every match of KEYED_NUMBER, in order, as a global scan would give them. Nothing before a
 * match's number can be a '+', so a match holds the first '+' after its start: for each '+'
 * that starts a number, only the starts after the previous '+' and within reach (whitespace
 * aside) are tried, leftmost first. The global scan tried the key pattern at every position.
 */
function keyedNumbers(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let lastEnd = 0;
  let previousPlus = -1;
  for (let plus = text.indexOf('+'); plus >= 0; previousPlus = plus, plus = text.indexOf('+', plus + 1)) {
    NUMBER_AT.lastIndex = plus;
    if (!NUMBER_AT.test(text)) continue;
    let lo = plus;
    for (let solid = 0; lo > 0 && solid < KEYED_NUMBER_REACH; lo--) if (!WHITESPACE.test(text[lo - 1] as string)) solid++;
    for (let start = Math.max(lo, lastEnd, previousPlus + 1); start < plus; start++) {
      KEYED_NUMBER.lastIndex = start;
      const m = KEYED_NUMBER.exec(text);
      if (m === null) continue;
      out.push(m);
      lastEnd = start + m[0].length;
      break;
    }
  }
  return out;
}
const WHITESPACE = /\s/;
// Direction, strongest word first: "inbound" / a received status; then an outbound word or a
// delivery status (status callbacks only exist for outbound messages) or the API call that
// sends one; then the parameters only Twilio's inbound webhooks carry (Body, SpeechResult,
// Digits, CallStatus on an incoming call).
const INBOUND = /(?<![a-z])inbound(?![a-z])|(?<![a-z])incoming(?![a-z])|(?:SmsStatus|MessageStatus)\\?"?\s*[:=]\s*\\?"?received/i;
// The REST call that sends a message ("POST /2010-04-01/Accounts/AC.../Messages.json", also with
// its host, as curl prints it) is outbound.
const OUTBOUND = /(?<![a-z])outbound|\bsent\b|\bsending\b|\bqueued\b|\bdeliver|\bundelivered\b|\bfailed\b|\bcampaign\b|\bno-answer\b|POST\s+(?:https?:\/\/[\w.-]+)?\/\S*messages\b/i;
// A Studio execution's trigger is the incoming call or message that started it (a REST-started
// execution's trigger is "request"), so its To is the flow's number.
const INBOUND_WEBHOOK = /"(?:Body|SpeechResult|Digits|CallStatus|RecordingSid|NumMedia|OptOutType)\\?"\s*:|"trigger\\?"\s*:\s*\{\s*\\?"(?:call|message)\\?"/;

function direction(text: string): 'in' | 'out' | undefined {
  const inbound = INBOUND.test(text);
  const outbound = OUTBOUND.test(text);
  if (inbound) return outbound ? undefined : 'in';
  if (outbound) return 'out';
  return INBOUND_WEBHOOK.test(text) ? 'in' : undefined;
}
const ALWAYS_OURS = /^(?:reminder_?from|sender|sender_?number|twilio_?number|proxy_?address|messagingbinding\.proxyaddress|from_?number_?app|our_?number|messaging_?number|caller_?id|default_?caller_?id|callerid)$/i;
const SENDER_PROSE = new RegExp(
  String.raw`\b(?:sent\s+(?:[A-Z]{2}[0-9a-f]{32}\s+)?from|(?:texts?|messages?|sms|reminders?|codes?|replies|calls?)\s+(?:(?:will\s+)?(?:come|comes|came|coming)\s+)?from|sender|retry\s+from|unsubscribed\s+from|replied\s+by|text\s+us\s+at|call\s+us\s+at|reach\s+us\s+(?:\w+\s+)?at|text\s+this\s+number\s+or\s+call|our\s+(?:number|line)(?:\s+is)?|sender\s+pool|twilio\s+(?:number|line|phone number)|(?:outbound\s+)?fax\s+line|clinic(?:'s)?(?:\s+(?:twilio|sms|main|outbound))?(?:\s+(?:number|line))?)[:\s]+` + E164,
  'gi',
);
// "received from +1 480 555 0152 on +14805550100": the line a fax or call came in on is ours.
const RECEIVED_ON = new RegExp(String.raw`\breceived\s+(?:\w+\s+)?from\s+[+\d][\d\s().-]{6,20}\s+on\s+` + E164, 'gi');
// On a line whose direction is outbound, "from +1..." in prose names the sender: the app.
const PROSE_FROM = new RegExp(String.raw`(?<![\w"'=])from\s+` + E164, 'gi');
// The app's number as prose names it, in any of the ways people write a number: "Text STOP to
// +18885550142", "Reply from +13055550100:" (a reply to the patient comes from the app), "sending
// now from ...", "Clinic line: +1 (888) 555-0142", "from +1 617 555 0100, the clinic line".
const WRITTEN = String.raw`(\+1[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}|\+[2-9]\d{9,14})(?![\d\w])`;
const OURS_BEFORE_WRITTEN = new RegExp(
  String.raw`\b(?:(?:text|reply|send|txt)\s+(?:STOP|HELP|START|UNSTOP|C|Y|YES|N|NO|R)\s+to|reply\s+from|sending\s+(?:\w+\s+)?from|(?:clinic|office|main|front desk|practice|pharmacy)\s+(?:line|number)(?:\s+is)?)[:\s]+` + WRITTEN,
  'gi',
);
const OURS_AFTER_WRITTEN = new RegExp(WRITTEN + String.raw`,?\s+(?:\(?the\s+|\(?our\s+)(?:clinic|office|main|practice|pharmacy)\s+(?:line|number)`, 'gi');
// "Inbound SMS from +12135550163 to +13105550100": on an inbound message the number it went to is ours.
const INBOUND_TO = new RegExp(String.raw`\binbound\s+(?:sms|message|text|call|mms|whatsapp)\s+from\s+\S+\s+to\s+` + E164, 'gi');
const GATE = /\+[1-9]\d{9}/;
const WRITTEN_GATE = /\+\d/;
// "+18885550142 is our official reminder number"
const OURS_AFTER = new RegExp(E164 + String.raw`\s+is\s+our\s+(?:\w+\s+){0,3}(?:number|line)\b`, 'gi');
// "Text us at +14155550100 or call +18885550142": a number joined to one of ours.
const JOINED_AFTER = new RegExp(String.raw`^\s*(?:,|or|and|/)\s*(?:(?:call|text)\s+(?:us\s+)?(?:at\s+)?)?` + E164);

function writtenSpans(text: string, spans: Span[]): void {
  for (const re of [OURS_BEFORE_WRITTEN, OURS_AFTER_WRITTEN, INBOUND_TO]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const value = m[1] as string;
      const at = m.index + m[0].indexOf(value);
      spans.push({ start: at, end: at + value.length });
    }
  }
}

export function ownNumberSpans(text: string, spans: Span[]): void {
  if (!WRITTEN_GATE.test(text)) return;
  const before = spans.length;
  writtenSpans(text, spans);
  if (!GATE.test(text)) return;
  const dir = direction(text);
  for (const m of keyedNumbers(text)) {
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
  let m: RegExpExecArray | null;
  SENDER_PROSE.lastIndex = 0;
  while ((m = SENDER_PROSE.exec(text)) !== null) {
    const value = m[1] as string;
    const end = m.index + m[0].length;
    spans.push({ start: end - value.length, end });
    const joined = JOINED_AFTER.exec(text.slice(end, end + 48));
    if (joined) spans.push({ start: end + joined[0].length - (joined[1] as string).length, end: end + joined[0].length });
  }
  for (const re of dir === 'out' ? [RECEIVED_ON, PROSE_FROM] : [RECEIVED_ON]) {
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      const value = m[1] as string;
      const end = m.index + m[0].length;
      spans.push({ start: end - value.length, end });
    }
  }
  OURS_AFTER.lastIndex = 0;
  while ((m = OURS_AFTER.exec(text)) !== null) spans.push({ start: m.index + m[0].indexOf(m[1] as string), end: m.index + m[0].indexOf(m[1] as string) + (m[1] as string).length });
  // The app's number found by its key is the app's wherever else the same line prints it
  // ("Reply C or call +18885550142" in the body of the message it sent).
  if (spans.length > before) {
    const ours = new Set(spans.slice(before).map((sp) => text.slice(sp.start, sp.end)));
    for (const number of ours) {
      for (let at = text.indexOf(number); at >= 0; at = text.indexOf(number, at + number.length)) {
        if (!/\d/.test(text[at + number.length] ?? '')) spans.push({ start: at, end: at + number.length });
      }
    }
  }
}
