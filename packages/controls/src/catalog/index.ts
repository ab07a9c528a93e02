// The catalog in the order of the guide's control table (and of CONTROL_IDS).
//
// Severity rule, applied to every row (tested in catalog.test.ts):
// - not-eligible: critical. PHI on a non-eligible product is outside the BAA altogether.
// - required: critical where a failure puts PHI outside the BAA (non-designated
//   account or workspace, non-eligible product/channel/room type, non-US traffic, a
//   third party without BAA); high for every other required row (PHI exposed in
//   transit, at rest, in logs or to unauthorised people, still inside the BAA).
// - special-consideration: medium (the guide leaves the judgement to the customer);
//   low for a pure product-lifecycle advisory with no PHI exposure (TW-CHAT-SUNSET).
// - recommended: medium where it protects stored PHI (encryption, redaction, privacy
//   tooling); low where it hardens a channel another required control already
//   protects (HTTP auth, Static Proxy, PKCV next to https and signatures).
// - platform: info (Twilio or Segment enforce it; the row tells the customer to mirror it).
// A "see X" row carries the severity and, where the guide gives none, the citation of X.
import type { Control } from '../types.ts';
import { chat } from './chat.ts';
import { flex } from './flex.ts';
import { frontline } from './frontline.ts';
import { general } from './general.ts';
import { verifyLookupEvents } from './misc.ts';
import { runtime } from './runtime.ts';
import { segment } from './segment.ts';
import { sms } from './sms.ts';
import { video } from './video.ts';
import { voice } from './voice.ts';

export const catalog: readonly Control[] = Object.freeze(
  [...general, ...runtime, ...video, ...voice, ...sms, ...chat, ...frontline, ...verifyLookupEvents, ...flex, ...segment].map((c) =>
    Object.freeze({ ...c, verification: Object.freeze([...c.verification]), hipaaCitation: Object.freeze([...c.hipaaCitation]) }),
  ),
);
