import { maskPhoneNumber } from '@chaperone/phi';
import { emit, type GuardSink } from '../sink.ts';
import type { Decision, Rule } from './decision.ts';
import { HipaaPolicyError } from './error.ts';
import { normalizeRequest, type OutboundRequest, type SdkRequestOptions } from './request.ts';
import { addOnsRule } from './rules/addons.ts';
import { channelsRule } from './rules/channels.ts';
import { chatPrivateRule } from './rules/chat-private.ts';
import { eligibleProductsRule, type EligibleProductOptions } from './rules/eligible-products.ts';
import { httpsUrlsRule } from './rules/https-urls.ts';
import { inlineTwimlRule, type InlineTwimlOptions } from './rules/inline-twiml.ts';
import { mediaStreamsRule } from './rules/media-streams.ts';
import { serverlessVisibilityRule } from './rules/serverless-visibility.ts';
import { studioWidgetsRule } from './rules/studio-widgets.ts';
import { taggingRule } from './rules/tagging.ts';
import { usNumbersRule, type UsNumberOptions } from './rules/us-numbers.ts';
import { verifyChannelsRule } from './rules/verify-channels.ts';
import { videoGroupRoomsRule } from './rules/video-rooms.ts';
// Node's own percent-decoder: decodeURIComponent, and on a malformed sequence it decodes what
// it can and keeps the rest instead of throwing (the scanner and the guard used to hand-write this).
import { unescape as percentDecoded } from 'node:querystring';

export type GuardMode = 'enforce' | 'report';

export interface OutboundGuardOptions extends UsNumberOptions, EligibleProductOptions, InlineTwimlOptions {
  /** `enforce` (default) refuses with HipaaPolicyError; `report` sends and records. */
  mode?: GuardMode;
  /** Receives one `twilio.outbound.decision` event per request. */
  sink?: GuardSink;
  /** Replace the rule set (default: defaultRules(options)). */
  rules?: readonly Rule[];
}

export interface FiredRule extends Decision {
  rule: string;
}

export interface OutboundVerdict {
  /** Send the request? False in enforce mode on any violation, and always when a rule failed. */
  send: boolean;
  violations: FiredRule[];
  error?: HipaaPolicyError;
}

/** The rules in the order their findings are reported: specific products first. */
export function defaultRules(options: UsNumberOptions & EligibleProductOptions & InlineTwimlOptions = {}): Rule[] {
  return [
    httpsUrlsRule,
    channelsRule,
    verifyChannelsRule,
    usNumbersRule(options),
    taggingRule,
    addOnsRule,
    chatPrivateRule,
    serverlessVisibilityRule,
    studioWidgetsRule,
    videoGroupRoomsRule,
    inlineTwimlRule(options),
    mediaStreamsRule(options),
    eligibleProductsRule(options),
  ];
}

export interface OutboundPolicy {
  inspect(opts: SdkRequestOptions): OutboundVerdict;
}

export function createOutboundPolicy(options: OutboundGuardOptions = {}): OutboundPolicy {
  const mode: GuardMode = options.mode ?? 'enforce';
  if (mode !== 'enforce' && mode !== 'report') throw new TypeError(`outbound guard: mode must be 'enforce' or 'report', got ${JSON.stringify(String(mode))}`);
  const rules = options.rules ?? defaultRules(options);
  return {
    inspect(opts) {
      let request: OutboundRequest;
      try {
        request = normalizeRequest(opts);
      } catch {
        const error = new HipaaPolicyError('TW-HTTPS', 'request-shape', 'the request URL could not be parsed', 'pass an absolute https://*.twilio.com URL');
        emit(options.sink, 'error', { event: 'twilio.outbound.decision', outcome: 'refused', mode, method: String(opts.method).toUpperCase(), controlIds: ['TW-HTTPS'], rules: ['request-shape'] });
        return { send: false, violations: [], error };
      }
      const violations: FiredRule[] = [];
      if (request.uninspectableBody !== undefined) {
        // Unknown is never pass: a body the rules cannot read could carry any parameter.
        violations.push({ controlId: 'TW-ELIGIBLE-ONLY', rule: 'request-body', reason: `${request.uninspectableBody}, so its parameters cannot be checked`, fix: 'pass the parameters as an object, URLSearchParams, or a form/JSON string or Buffer with its Content-Type' });
      }
      for (const rule of rules) {
        let decision: Decision | undefined;
        try {
          decision = rule.check(request);
        } catch {
          // Fail closed: a rule that cannot decide refuses, in report mode too.
          const error = new HipaaPolicyError(rule.controlId, rule.name, `the ${rule.name} rule failed while checking this request`, 'the request was not sent; report this with the request SID-level context, never its contents');
          record(options.sink, mode, request, 'refused', [...violations, { controlId: rule.controlId, rule: rule.name, reason: 'rule failed', fix: error.fix }]);
          return { send: false, violations, error };
        }
        if (decision) violations.push({ ...decision, rule: rule.name });
      }
      if (violations.length === 0) {
        record(options.sink, mode, request, 'allowed', violations);
        return { send: true, violations };
      }
      const first = violations[0]!;
      if (mode === 'report') {
        record(options.sink, mode, request, 'reported', violations);
        return { send: true, violations };
      }
      record(options.sink, mode, request, 'denied', violations);
      return { send: false, violations, error: new HipaaPolicyError(first.controlId, first.rule, first.reason, first.fix) };
    },
  };
}

function record(sink: GuardSink | undefined, mode: GuardMode, request: OutboundRequest, outcome: 'allowed' | 'denied' | 'reported' | 'refused', violations: readonly FiredRule[]): void {
  if (!sink) return;
  emit(sink, outcome === 'allowed' ? 'debug' : outcome === 'reported' ? 'warn' : 'error', {
    event: 'twilio.outbound.decision',
    outcome,
    mode,
    method: request.method,
    product: request.product,
    path: maskNumbersInPath(request.path),
    controlIds: violations.map((v) => v.controlId),
    rules: violations.map((v) => v.rule),
    reasons: violations.map((v) => v.reason),
  });
}

// Paths carry SIDs (fine to log) and sometimes phone numbers (Lookup, IncomingPhoneNumbers
// filters): those are masked the way Twilio's phone-number redaction does.
export function maskNumbersInPath(path: string): string {
  // Most paths hold no number at all: no run of 6 digits and no percent-escape (which could spell digits).
  if (!path.includes('%') && !/\d{6}/.test(path)) return path;
  return path
    .split('/')
    .map((segment) => {
      const decoded = percentDecoded(segment);
      // E.164 (`+14155550123`) or a bare 10-15 digit number; API versions like 2010-04-01 are not numbers.
      return /^\+\d{6,15}$/.test(decoded) || /^\d{10,15}$/.test(decoded) ? maskPhoneNumber(decoded) : segment;
    })
    .join('/');
}

