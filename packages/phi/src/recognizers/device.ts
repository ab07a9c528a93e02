// DEVICE (Safe Harbor 13): serial numbers, IMEI/MEID and UDI after their context word.
import { applyContextRule, hasIdContext, SEP, type ContextRule } from './context-id.ts';
import { matches, pushEveryGroup, type Recognizer, type Sink } from './shared.ts';

const DEVICE_RULE: ContextRule = {
  type: 'DEVICE',
  re: new RegExp(`\\b(?:serial|S/N|SN|device(?:\\s+serial)?|IMEI|MEID|UDI|implant)${SEP}([A-Z0-9][A-Z0-9:-]{4,39})\\b`, 'gi'),
  confidence: 0.9,
};
// A patient's home or worn device named by what it is ("CGM transmitter ID 8RL2QX", "pendant
// FDP-99124A", "reading from BPM-7730-11842", "scale SCL-22A-004819"): an upper-case code that
// mixes letters and digits. Ours.
const WORN_DEVICE = /\b(?:transmitter|pendant|sensor|monitor|pump|meter|cuff|scale|glucometer|inhaler|hearing aid|pacemaker|reading from)(?:\s+(?:id|ID|sn|SN|serial|no\.?|#))?\s*[:#]?\s*((?=[A-Z0-9-]*\d)(?=[0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{4,24})(?![\w-])/g;
const WORN_GATE = /transmitter|pendant|sensor|monitor|pump|meter|cuff|scale|glucometer|inhaler|hearing aid|pacemaker|reading from/;
// GS1 UDI: the serial number is application identifier (21).
const UDI_SERIAL = /\(21\)([A-Za-z0-9-]{1,20})/g;

// MAC addresses (IEEE 802 EUI-48, colon or dash separated, or Cisco dotted): a device
// identifier wherever it stands (Safe Harbor 13; Presidio's MacAddressRecognizer reads the
// same shapes). All-zero and broadcast addresses name no device.
const MAC = /(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:.-])/g;
const NOT_A_DEVICE_MAC = /^(?:(?:00[:.-]?){5}00|(?:ff[:.-]?){5}ff|0000\.0000\.0000|ffff\.ffff\.ffff)$/i;

const isHexAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i) | 32;
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
};

/**
 * Whether `text` has what every MAC holds: a ':' or '-', two hex digits, the same separator
 * again ("a4:5e:"), or a '.', four hex digits and a '.'. By hand: the MAC pattern, tried at
 * every hex digit of a log line (ids, digests), cost more than all its matches.
 */
function mayHoldMac(text: string): boolean {
  for (const sep of [':', '-']) {
    for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + 1)) {
      if (text[i + 3] === sep && isHexAt(text, i + 1) && isHexAt(text, i + 2)) return true;
    }
  }
  for (let i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
    if (text[i + 5] === '.' && isHexAt(text, i + 1) && isHexAt(text, i + 2) && isHexAt(text, i + 3) && isHexAt(text, i + 4)) return true;
  }
  return false;
}

export const device: Recognizer = {
  name: 'device',
  types: ['DEVICE'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) applyContextRule(DEVICE_RULE, text, sink);
    if (WORN_GATE.test(text)) {
      pushEveryGroup(sink, 'DEVICE', WORN_DEVICE, text, 0.85);
    }
    if (text.includes('(21)')) {
      pushEveryGroup(sink, 'DEVICE', UDI_SERIAL, text, 0.9);
    }
    if (mayHoldMac(text)) {
      for (const m of matches(MAC, text)) if (!NOT_A_DEVICE_MAC.test(m[0])) sink.push('DEVICE', m.index, m.index + m[0].length, 0.9);
    }
  },
};
