// `chaperone ledger export --format oscal`: one run of the ledger as an OSCAL 1.1.3
// assessment-results document. Each finding becomes an OSCAL observation (what was seen, as
// the scanner masked it) and an OSCAL finding (the control's objective satisfied or not),
// both carrying the ledger entry they come from: its seq (leaf index) and leaf hash as props
// in the `urn:chaperone:ledger` namespace, so an auditor can find the entry in an export
// bundle and check its inclusion proof. The signed checkpoint covering the run is embedded in
// back-matter. Everything is read from the entries' bytes (not from the query tables), and an
// entry whose bytes no longer match its leaf hash stops the export: run `ledger verify`.
import { createHash } from 'node:crypto';
import { listCheckpoints } from './checkpoint.ts';
import type { FindingEntry, RunEndEntry, RunStartEntry } from './entries.ts';
import { LedgerError } from './errors.ts';
import { listRuns, pickRun, type RunSummary } from './history.ts';
import type { Ledger } from './store.ts';
import { leafHash } from './tlog/index.ts';

export const OSCAL_VERSION = '1.1.3';
/** Namespace of chaperone's own props (a URN: no document is served at it). */
export const OSCAL_NS = 'urn:chaperone:ledger';

/** The OSCAL document (its JSON form): typed loosely, its shape is the OSCAL schema's. */
export type OscalAssessmentResults = { 'assessment-results': Record<string, unknown> };

export interface OscalOptions {
  /** A run id or its unique beginning; default: the latest complete run. */
  run?: string;
  now?: Date;
}

interface Prop {
  name: string;
  ns: string;
  value: string;
}

/**
 * Name-based UUIDs (RFC 4122 §4.3, version 5, SHA-1): the same ledger and run always give the
 * same document ids. Written here: node:crypto has randomUUID only, and this is a dozen lines.
 */
const UUID_NAMESPACE = Buffer.from('6c1e4b7a2f3d4c59a8e0d1b2c3f4a5b6', 'hex');
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(UUID_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** OSCAL's objective status for a chaperone status: only pass and attested satisfy a control (unknown never does). */
function objectiveStatus(status: string): { state: 'satisfied' | 'not-satisfied'; reason: string } {
  if (status === 'pass') return { state: 'satisfied', reason: 'pass' };
  if (status === 'attested') return { state: 'satisfied', reason: 'attested' };
  if (status === 'fail') return { state: 'not-satisfied', reason: 'fail' };
  // advisory, manual (not attested yet), muted (accepted, not fixed), unknown (not collected): not satisfied.
  return { state: 'not-satisfied', reason: /^[a-z][a-z-]*$/.test(status) ? status : 'other' };
}

const prop = (name: string, value: string | number): Prop | undefined => {
  const text = String(value).trim();
  return text === '' ? undefined : { name, ns: OSCAL_NS, value: text };
};
const props = (...list: (Prop | undefined)[]): Prop[] => list.filter((p): p is Prop => p !== undefined);

const decoder = new TextDecoder('utf-8', { fatal: true });
const ENTRY_CHUNK = 500;

/** Reads entries by seq, checking each one's bytes against its stored leaf hash. */
async function verifiedEntries(ledger: Ledger, seqs: readonly number[]): Promise<Map<number, { body: Record<string, unknown>; leaf: string }>> {
  const out = new Map<number, { body: Record<string, unknown>; leaf: string }>();
  for (let i = 0; i < seqs.length; i += ENTRY_CHUNK) {
    const rows = await ledger.db.selectFrom('ledger_entry').select(['seq', 'body', 'leaf']).where('seq', 'in', seqs.slice(i, i + ENTRY_CHUNK)).execute();
    for (const row of rows) {
      const leaf = Buffer.from(row.leaf);
      if (!leaf.equals(Buffer.from(leafHash(row.body)))) throw new LedgerError(`entry seq ${row.seq} does not match its leaf hash; run \`chaperone ledger verify\`, nothing was exported`);
      out.set(row.seq, { body: JSON.parse(decoder.decode(row.body)) as Record<string, unknown>, leaf: leaf.toString('hex') });
    }
  }
  for (const seq of seqs) if (!out.has(seq)) throw new LedgerError(`entry seq ${seq} is missing from the ledger; run \`chaperone ledger verify\`, nothing was exported`);
  return out;
}

/** The run to export: the one named, else the latest complete run. */
async function chooseRun(ledger: Ledger, ref: string | undefined): Promise<RunSummary> {
  const all = await listRuns(ledger, Number.MAX_SAFE_INTEGER);
  if (ref !== undefined) return pickRun(all, ref, '--run');
  const latest = all.find((r) => r.state === 'complete');
  if (!latest) throw new LedgerError('the ledger has no complete run to export; run `chaperone scan` first, or name a run with --run');
  return latest;
}

export async function oscalAssessmentResults(ledger: Ledger, options: OscalOptions = {}): Promise<OscalAssessmentResults> {
  const now = (options.now ?? new Date()).toISOString();
  const run = await chooseRun(ledger, options.run);
  const row = await ledger.db.selectFrom('scan_run').select(['start_seq', 'end_seq']).where('run_id', '=', run.run).executeTakeFirstOrThrow();
  const findingSeqs = (await ledger.db.selectFrom('finding').select('seq').where('run_id', '=', run.run).orderBy('seq').execute()).map((f) => f.seq);
  const entries = await verifiedEntries(ledger, [row.start_seq, ...(row.end_seq === null ? [] : [row.end_seq]), ...findingSeqs]);
  const start = entries.get(row.start_seq)!.body as unknown as RunStartEntry & { at: string };
  const end = row.end_seq === null ? undefined : (entries.get(row.end_seq)!.body as unknown as RunEndEntry & { at: string });
  if (start.kind !== 'run.start' || start.run !== run.run || (end && (end.kind !== 'run.end' || end.run !== run.run))) {
    throw new LedgerError(`the query tables do not match the entries of run ${run.run}; run \`chaperone ledger verify\`, nothing was exported`);
  }
  const lastSeq = row.end_seq ?? findingSeqs.at(-1) ?? row.start_seq;
  const checkpoint = (await listCheckpoints(ledger)).find((c) => c.size > lastSeq);

  const id = (what: string) => nameUuid(`${ledger.origin}/${run.run}/${what}`);
  const componentUuid = id('component');
  const platformUuid = id('platform');
  const catalogUuid = id('catalog');
  const checkpointUuid = id('checkpoint');
  const origins = [{ actors: [{ type: 'assessment-platform', 'actor-uuid': platformUuid }] }];
  const controls = new Set<string>();
  const observations: unknown[] = [];
  const findings: unknown[] = [];
  for (const seq of findingSeqs) {
    const { body, leaf } = entries.get(seq)!;
    const f = body as unknown as FindingEntry & { at: string };
    if (f.kind !== 'finding' || f.run !== run.run) throw new LedgerError(`the query tables do not match entry seq ${seq}; run \`chaperone ledger verify\`, nothing was exported`);
    controls.add(f.control);
    const entryProps = [prop('ledger-seq', seq), prop('ledger-leaf-sha256', leaf)];
    const where = `${f.resource.kind} ${f.resource.sid}`;
    const observationUuid = id(`observation/${seq}`);
    const status = objectiveStatus(f.status);
    observations.push({
      uuid: observationUuid,
      title: `${f.control} on ${f.account}: ${where}`,
      description: f.evidence,
      props: props(...entryProps, prop('status', f.status), prop('severity', f.severity), prop('platform', f.platform), prop('account', f.account), prop('resource-kind', f.resource.kind), prop('resource-sid', f.resource.sid)),
      // attested and manual controls rest on what a person confirmed; the rest the scanner read from the API.
      methods: [f.status === 'attested' || f.status === 'manual' ? 'EXAMINE' : 'TEST'],
      types: ['finding'],
      origins,
      collected: f.at,
    });
    findings.push({
      uuid: id(`finding/${seq}`),
      title: `${f.control} ${f.status}: ${where}`,
      description: `${f.control} is ${f.status} (${f.severity}) for ${where} in ${f.platform} account ${f.account}.`,
      props: props(...entryProps),
      origins,
      target: { type: 'objective-id', 'target-id': f.control, status: { state: status.state, reason: status.reason } },
      'related-observations': [{ 'observation-uuid': observationUuid }],
    });
  }

  const result: Record<string, unknown> = {
    uuid: id('result'),
    title: `Chaperone scan ${run.run}`,
    description: `The findings of chaperone scan run ${run.run} (${run.state}) as recorded in the evidence ledger ${ledger.origin}; each names its ledger entry (seq and leaf hash).`,
    start: start.at,
    ...(end ? { end: end.at } : {}),
    props: props(
      prop('ledger-origin', ledger.origin),
      prop('run-id', run.run),
      prop('run-state', run.state),
      prop('run-start-seq', row.start_seq),
      ...(row.end_seq === null ? [] : [prop('run-end-seq', row.end_seq)]),
      ...(checkpoint ? [prop('checkpoint-size', checkpoint.size), prop('checkpoint-root-sha256', Buffer.from(checkpoint.root).toString('hex'))] : []),
    ),
    'local-definitions': {
      'assessment-assets': {
        components: [
          {
            uuid: componentUuid,
            type: 'software',
            title: 'Chaperone',
            description: 'HIPAA guardrails for Twilio and Segment: the scanner that collected these findings.',
            props: props(prop('version', start.chaperoneVersion), prop('guide-version', start.guideVersion)),
            status: { state: 'operational' },
          },
        ],
        'assessment-platforms': [{ uuid: platformUuid, title: `Chaperone ${start.chaperoneVersion}`, 'uses-components': [{ 'component-uuid': componentUuid }] }],
      },
    },
    'reviewed-controls': {
      description: `The controls of the chaperone catalog (guide ${start.guideVersion}) this run judged.`,
      'control-selections': [controls.size > 0 ? { 'include-controls': [...controls].sort().map((c) => ({ 'control-id': c })) } : { 'include-all': {} }],
    },
    ...(observations.length > 0 ? { observations, findings } : {}),
    ...(run.state === 'complete' ? {} : { remarks: `This run is ${run.state}: it ended before every account was collected, or was interrupted; findings not collected are absent or unknown, never passing.` }),
  };

  const resources: Record<string, unknown>[] = [
    {
      uuid: catalogUuid,
      title: `Chaperone control catalog, guide ${start.guideVersion}`,
      description: 'The assessment plan these results follow: every control of the chaperone catalog (`chaperone controls --format json`).',
      props: props(prop('guide-version', start.guideVersion)),
    },
  ];
  if (checkpoint) {
    resources.push({
      uuid: checkpointUuid,
      title: `Signed checkpoint of the evidence ledger at ${checkpoint.size} entries`,
      description: 'A C2SP tlog-checkpoint in a signed note (Ed25519): the RFC 9162 tree head over entries 0..size-1, which include every entry this document names.',
      props: props(prop('checkpoint-size', checkpoint.size)),
      base64: { filename: `checkpoint-${checkpoint.size}.txt`, 'media-type': 'text/plain', value: Buffer.from(checkpoint.note, 'utf8').toString('base64') },
    });
  }
  return {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: `Chaperone assessment results: run ${run.run}`,
        published: now,
        'last-modified': now,
        version: run.run,
        'oscal-version': OSCAL_VERSION,
        props: props(prop('ledger-origin', ledger.origin)),
      },
      'import-ap': { href: `#${catalogUuid}` },
      results: [result],
      'back-matter': { resources },
    },
  };
}
