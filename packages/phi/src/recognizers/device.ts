// DEVICE (Safe Harbor 13): serial numbers, IMEI/MEID and UDI after their context word.
import { applyContextRule, hasIdContext, SEP, type ContextRule } from './context-id.ts';
import type { Recognizer, Sink } from './shared.ts';

const DEVICE_RULE: ContextRule = {
  type: 'DEVICE',
  re: new RegExp(`\\b(?:serial|S/N|SN|device(?:\\s+serial)?|IMEI|MEID|UDI|implant)${SEP}([A-Z0-9][A-Z0-9:-]{4,39})\\b`, 'gi'),
  confidence: 0.9,
};

export const device: Recognizer = {
  name: 'device',
  types: ['DEVICE'],
  minDigits: 1,
  detect(text: string, sink: Sink): void {
    if (hasIdContext(text)) applyContextRule(DEVICE_RULE, text, sink);
  },
};
