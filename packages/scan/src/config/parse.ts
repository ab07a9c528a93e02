// Turns the text of chaperone.yaml into a validated ChaperoneConfig, or throws one
// ConfigError naming the file, line, path, problem and fix.
import { closestControlId, getControl, isControlId, type ControlId } from '@chaperone/controls';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { isCalendarDate } from './dates.ts';
import { configError, formatPath } from './errors.ts';
import { schemaProblem } from './schema.ts';
import { emptyConfig, type Attestation, type ChaperoneConfig, type Mute } from './types.ts';

type Path = (string | number)[];

interface RawAttestation {
  control: string;
  by: string;
  date: string;
  expires: string;
  note?: string;
  accounts?: string[];
  resources?: string[];
}
interface RawMute {
  control: string;
  resource: string;
  account?: string;
  reason: string;
  date?: string;
  expires: string;
}
interface RawConfig {
  muteMaxDays?: number;
  baa?: { date: string; designatedAccounts?: string[] };
  attestations?: RawAttestation[];
  mutes?: RawMute[];
  segment?: { baaVendors?: string[]; designatedWorkspaces?: string[] };
  twilio?: { baaVendors?: string[]; usTerritories?: string[]; apiKeyMaxAgeDays?: number };
  webhookHosts?: string[];
}

/** Parses and validates chaperone.yaml; `file` is the name used in error messages. */
export function parseConfig(text: string, file: string): ChaperoneConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line ?? lineCounter.linePos(syntax.pos[0]).line;
    const problem = syntax.message.split('\n')[0]!.replace(/\s+at line \d+, column \d+.*$/, '');
    throw configError(file, '', line, `not valid YAML: ${problem}`, `fix the YAML syntax on line ${line}`);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch {
    // The yaml library refuses an alias bomb (or a broken anchor) here, in its own words.
    throw configError(file, '', undefined, 'not usable YAML: too many or broken aliases (*name) for their anchors (&name)', 'write the values out instead of aliasing them');
  }
  if (data === null || data === undefined) return emptyConfig();

  const fail = (path: Path, problem: string, fix?: string, linePath: Path = path): never => {
    throw configError(file, formatPath(path), lineOf(doc, lineCounter, linePath), problem, fix);
  };

  if (typeof data !== 'object' || Array.isArray(data)) {
    fail([], 'must be a mapping (key: value) at the top level', 'start with keys such as baa:, attestations:, mutes:');
  }
  const problem = schemaProblem(data);
  if (problem) fail(problem.path, problem.problem, problem.fix, problem.linePath);
  return build(data as RawConfig, fail);
}

function build(raw: RawConfig, fail: (path: Path, problem: string, fix?: string) => never): ChaperoneConfig {
  const config = emptyConfig();
  const checkDate = (path: Path, value: string) => {
    if (!isCalendarDate(value)) fail(path, 'is not a calendar date', 'write a real day as YYYY-MM-DD, e.g. 2026-06-30');
  };
  const controlId = (path: Path, value: string): ControlId => {
    if (isControlId(value)) return value;
    return fail(path, 'is not a control of the catalog', `did you mean ${closestControlId(value)}? (\`chaperone controls\` lists them)`);
  };

  if (raw.baa) {
    checkDate(['baa', 'date'], raw.baa.date);
    config.baa = { date: raw.baa.date, designatedAccounts: [...(raw.baa.designatedAccounts ?? [])] };
  }

  config.attestations = (raw.attestations ?? []).map((entry, i): Attestation => {
    const at = (key: string): Path => ['attestations', i, key];
    const control = controlId(at('control'), entry.control);
    const verified = getControl(control);
    if (!verified.verification.includes('attest')) {
      const target = verified.seeAlso ? getControl(verified.seeAlso) : undefined;
      const how = verified.verification.length ? `it is verified by ${verified.verification.join(' and ')}` : `it is checked under ${verified.seeAlso ?? 'other controls'}`;
      const fix = target?.verification.includes('attest')
        ? `attest ${target.id} instead`
        : 'fix the finding, or mute it under mutes with a reason and an expiry';
      fail(at('control'), `${control} cannot be attested: ${how}, not by a person`, fix);
    }
    checkDate(at('date'), entry.date);
    checkDate(at('expires'), entry.expires);
    if (entry.expires < entry.date) fail(at('expires'), 'is before the attestation date', 'set expires on or after date');
    return {
      control,
      by: entry.by,
      date: entry.date,
      expires: entry.expires,
      ...(entry.note !== undefined && { note: entry.note }),
      ...(entry.accounts && { accounts: [...entry.accounts] }),
      ...(entry.resources && { resources: [...entry.resources] }),
    };
  });

  config.mutes = (raw.mutes ?? []).map((entry, i): Mute => {
    const at = (key: string): Path => ['mutes', i, key];
    const control = controlId(at('control'), entry.control);
    checkDate(at('expires'), entry.expires);
    if (entry.date !== undefined) {
      checkDate(at('date'), entry.date);
      if (entry.expires < entry.date) fail(at('expires'), 'is before the mute date', 'set expires on or after date');
    }
    return {
      control,
      resource: entry.resource,
      ...(entry.date !== undefined && { date: entry.date }),
      ...(entry.account !== undefined && { account: entry.account }),
      reason: entry.reason,
      expires: entry.expires,
    };
  });

  if (raw.muteMaxDays !== undefined) config.muteMaxDays = raw.muteMaxDays;
  if (raw.segment) {
    config.segment = { baaVendors: [...(raw.segment.baaVendors ?? [])], designatedWorkspaces: [...(raw.segment.designatedWorkspaces ?? [])] };
  }
  if (raw.twilio) {
    config.twilio = { baaVendors: [...(raw.twilio.baaVendors ?? [])], usTerritories: [...(raw.twilio.usTerritories ?? [])] };
    if (raw.twilio.apiKeyMaxAgeDays !== undefined) config.twilio.apiKeyMaxAgeDays = raw.twilio.apiKeyMaxAgeDays;
  }
  if (raw.webhookHosts) config.webhookHosts = raw.webhookHosts.map((h) => h.toLowerCase());
  return config;
}

/** 1-based line of the node at `path` (or of its nearest existing ancestor). */
function lineOf(doc: Document, lineCounter: LineCounter, path: Path): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}
