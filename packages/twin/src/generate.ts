// Builds a large organisation in memory for benchmarks and load tests: N subaccounts with
// M resources each, in a realistic mix, straight into the state (no YAML, no validation
// pass), deterministic for a seed. Records hold only a few stated fields each.
import { catalog as sharedCatalog } from './spec/catalog.ts';
import { TwinState, type AccountRecord } from './state.ts';

export interface GenerateOptions {
  subaccounts: number;
  resources: number;
  seed?: number;
}

interface Recipe {
  kind: string;
  fields: (i: number, insecure: boolean) => Record<string, unknown>;
}

const scheme = (insecure: boolean) => (insecure ? 'http' : 'https');

// The kinds a HIPAA scan reads most, with the fields its checks look at.
const MIX: Recipe[] = [
  { kind: 'api.incoming_phone_numbers', fields: (i, bad) => ({ phone_number: `+1415${String(5550000 + (i % 10000)).slice(-7)}`, friendly_name: `Line ${i}`, voice_url: `${scheme(bad)}://voice.example.org/answer`, sms_url: `${scheme(bad)}://sms.example.org/inbound` }) },
  { kind: 'messaging.services', fields: (i, bad) => ({ friendly_name: `Reminders ${i}`, inbound_request_url: `${scheme(bad)}://sms.example.org/inbound`, status_callback: 'https://sms.example.org/status' }) },
  { kind: 'trunking.trunks', fields: (i, bad) => ({ friendly_name: `Trunk ${i}`, secure: !bad }) },
  { kind: 'api.sip_domains', fields: (i, bad) => ({ domain_name: `clinic-${i}.sip.twilio.com`, friendly_name: `SIP ${i}`, secure: !bad }) },
  { kind: 'api.applications', fields: (i, bad) => ({ friendly_name: `App ${i}`, voice_url: `${scheme(bad)}://voice.example.org/app` }) },
  { kind: 'video.rooms', fields: (i, bad) => ({ unique_name: `visit-${i}`, type: bad ? 'peer-to-peer' : 'group' }) },
  { kind: 'sync.services', fields: (i, bad) => ({ friendly_name: `Sync ${i}`, acl_enabled: !bad }) },
  { kind: 'chat.services', fields: (i) => ({ friendly_name: `Chat ${i}` }) },
  { kind: 'verify.services', fields: (i) => ({ friendly_name: `Verify ${i}` }) },
  { kind: 'studio.flows', fields: (i) => ({ friendly_name: `Flow ${i}`, status: 'published' }) },
];

/** Adds `subaccounts` subaccounts under `master` in `state`. */
export function generateInto(state: TwinState, master: AccountRecord, options: GenerateOptions): AccountRecord[] {
  const { subaccounts, resources } = options;
  if (!Number.isInteger(subaccounts) || subaccounts < 0) throw new Error(`generate: subaccounts is ${subaccounts}; fix: use a whole number >= 0`);
  if (!Number.isInteger(resources) || resources < 0) throw new Error(`generate: resources is ${resources}; fix: use a whole number >= 0`);
  const kinds = MIX.map((recipe) => {
    const kind = state.catalog.kinds.get(recipe.kind);
    if (!kind) throw new Error(`generate: kind ${recipe.kind} missing from the catalog`);
    return { recipe, kind };
  });
  const created: AccountRecord[] = [];
  for (let a = 0; a < subaccounts; a++) {
    const account: AccountRecord = {
      sid: state.newSid('AC'),
      authToken: state.newToken(),
      friendlyName: `Clinic site ${a + 1}`,
      status: 'active',
      ownerSid: master.sid,
      seq: state.nextSeq(),
    };
    state.addAccount(account);
    created.push(account);
    for (let r = 0; r < resources; r++) {
      const { recipe, kind } = kinds[r % kinds.length]!;
      // One resource in ten is misconfigured, so a scan of a generated org has findings.
      const insecure = state.prng.next() < 0.1;
      const own = recipe.fields(r, insecure);
      own.sid = state.newSid(kind.sidPrefix!);
      const scope = kind.v2010 ? [account.sid] : [];
      state.ensureCollection(kind, account.sid, scope).put(own.sid as string, { own, seq: state.nextSeq() });
    }
  }
  return created;
}

/** A fresh state with one master and a generated organisation under it. */
export function generateOrganisation(options: GenerateOptions): { state: TwinState; master: AccountRecord; subaccounts: AccountRecord[] } {
  const state = new TwinState(sharedCatalog(), options.seed ?? 1);
  const master: AccountRecord = { sid: state.newSid('AC'), authToken: state.newToken(), friendlyName: 'Generated organisation', status: 'active', ownerSid: null, seq: state.nextSeq() };
  state.addAccount(master);
  const subaccounts = generateInto(state, master, options);
  return { state, master, subaccounts };
}

/** Parses the CLI form `subaccounts=N,resources=M[,seed=S]`. */
export function parseGenerateSpec(text: string): GenerateOptions {
  const out: Partial<GenerateOptions> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 0) throw new Error(`--generate: "${part}" is not name=whole-number; fix: e.g. --generate subaccounts=100,resources=20`);
    if (name === 'subaccounts' || name === 'resources' || name === 'seed') out[name] = n;
    else throw new Error(`--generate: unknown setting "${name}"; fix: use subaccounts, resources or seed`);
  }
  if (out.subaccounts === undefined || out.resources === undefined) throw new Error('--generate needs subaccounts and resources; fix: e.g. --generate subaccounts=100,resources=20');
  return out as GenerateOptions;
}
