// DEVICE (Safe Harbor 13): serial numbers, IMEI/MEID and UDI after their context word.
import { applyContextRule, hasIdContext, SEP, type ContextRule } from './context-id.ts';
import { matches, type Recognizer, type Sink } from './shared.ts';

const DEVICE_RULE: ContextRule = {
  type: 'DEVICE',
  re: new RegExp(`\\b(?:serial|S/N|SN|device(?:\\s+serial)?|IMEI|MEID|UDI|implant)${SEP}([A-Z0-9][A-Z0-9:-]{4,39})\\b`, 'gi'),
  confidence: 0.9,
};

// MAC addresses (IEEE 802 EUI-48, colon or dash separated, or Cisco dotted): a device
// identifier wherever it stands (Safe Harbor 13; Presidio's MacAddressRecognizer reads the
// same shapes). All-zero and broadcast addresses name no device.
const MAC = /(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:.-])/g;
const NOT_A_DEVICE_MAC = /^(?:(?:00[:.-]?){5}00|(?:ff[:.-]?){5}ff|0000\.0000\.0000|ffff\.ffff\.ffff)$/i;

export const device: Recognizer = {
  name: 'device',
  types: ['DEVICE'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) applyContextRule(DEVICE_RULE, text, sink);
    if (text.includes(':') || text.includes('-') || text.includes('.')) {
      for (const m of matches(MAC, text)) if (!NOT_A_DEVICE_MAC.test(m[0])) sink.push('DEVICE', m.index, m.index + m[0].length, 0.9);
    }
  },
};
