// Loads a YAML fixture into the twin's state, validating every account, key and resource
// against the spec-built catalog. Errors name the file, the line, the path inside it and
// the fix; secrets (auth tokens, key secrets) never appear in a message.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { closest, distance } from 'fastest-levenshtein';
import { FixtureError } from './errors.ts';
import type { TwinExtension } from './extension.ts';
import type { FieldInfo, Kind } from './spec/catalog.ts';
import { assignKey, type ApiKeyType, type TwinState } from './state.ts';
import { formatDate } from './render.ts';
import { idPrefixOf } from './spec/ids.ts';

/** Top-level keys other twins own; ignored when no extension for them is registered. */
export const RESERVED_EXTENSION_KEYS = ['segment'] as const;

const ACCOUNT_FIELDS = ['sid', 'friendly_name', 'auth_token', 'status', 'owner_account_sid', 'date_created', 'media_http_auth', 'api_keys', 'resources'];
const KEY_FIELDS = ['sid', 'secret', 'friendly_name', 'type'];
const KEY_TYPES = ['main', 'standard', 'restricted'] as const;
const DERIVED = new Set(['url', 'uri', 'links', 'subresource_uris', 'account_sid']);
const SID = /^[A-Z]{2}[0-9a-f]{32}$/;
const HEX32 = /^[0-9a-f]{32}$/;

type Plain = Record<string, unknown>;

interface Ctx {
  file: string;
  line(path: (string | number)[]): number | undefined;
  state: TwinState;
  declared: Set<string>;
  references: { path: (string | number)[]; field: string; value: string }[];
}

function render(path: (string | number)[]): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out ? `.${step}` : step;
  return out;
}

function fail(ctx: Ctx, path: (string | number)[], problem: string, fix: string): never {
  const line = ctx.line(path);
  throw new FixtureError(line ? `${ctx.file}:${line}` : ctx.file, render(path), problem, fix);
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The closest known name, so a typo gets a useful fix; none when nothing is near. */
function closestName(name: string, options: Iterable<string>): string | undefined {
  const candidates = [...options];
  if (candidates.length === 0) return undefined;
  const best = closest(name, candidates);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function unknownFix(name: string, options: string[]): string {
  const near = closestName(name, options);
  return near ? `did you mean "${near}"? Otherwise remove it` : `remove it, or use one of: ${options.slice(0, 25).join(', ')}${options.length > 25 ? ', ...' : ''}`;
}

function checkMapping(ctx: Ctx, value: unknown, path: (string | number)[], what: string): Plain {
  if (!isPlain(value)) fail(ctx, path, `${what} must be a mapping`, `write ${what} as key: value lines`);
  return value;
}

function checkList(ctx: Ctx, value: unknown, path: (string | number)[], what: string): unknown[] {
  if (!Array.isArray(value)) fail(ctx, path, `${what} must be a list`, `write each item of ${what} as a "- " entry`);
  return value;
}

function checkField(ctx: Ctx, kind: Kind, name: string, info: FieldInfo, value: unknown, path: (string | number)[]): unknown {
  if (value === null) {
    if (info.nullable) return null;
    fail(ctx, path, `${name} of ${kind.name} cannot be null`, 'give it a value or remove the line');
  }
  switch (info.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail(ctx, path, `${name} must be true or false`, 'write true or false without quotes');
      return value;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (info.type === 'integer' && !Number.isInteger(value))) fail(ctx, path, `${name} must be a number`, 'write a number without quotes');
      return value;
    case 'array':
      if (!Array.isArray(value)) fail(ctx, path, `${name} must be a list`, 'write it as a YAML list');
      return value;
    case 'object':
      if (typeof value !== 'object') fail(ctx, path, `${name} must be a mapping`, 'write it as a YAML mapping');
      return value;
    case 'string': {
      // Twilio returns some JSON documents (e.g. TaskRouter attributes) as strings; a
      // fixture may write them as YAML mappings, which read better.
      if (typeof value === 'object') return JSON.stringify(value);
      if (typeof value !== 'string') fail(ctx, path, `${name} must be a string`, 'quote the value');
      if (info.enum && !info.enum.includes(value)) fail(ctx, path, `${name} "${value}" is not allowed`, `use one of: ${info.enum.join(', ')}`);
      if (info.pattern && !info.pattern.test(value)) {
        const prefix = idPrefixOf(info.pattern);
        const classic = prefix !== undefined && /^[A-Z]{2}$/.test(prefix);
        fail(ctx, path, `${name} "${value}" is malformed`, classic ? `a ${name} is "${prefix}" followed by 32 hex digits (0-9, a-f)` : prefix ? `a ${name} starts with "${prefix}" (pattern ${info.pattern.source})` : `match the pattern ${info.pattern.source}`);
      }
      return value;
    }
    default:
      return value;
  }
}

function loadRecord(ctx: Ctx, kind: Kind, raw: unknown, path: (string | number)[], accountSid: string, scope: string[]): void {
  const record = checkMapping(ctx, raw, path, `a ${kind.name} item`);
  const own: Plain = {};
  const children: [Kind, unknown, string][] = [];
  for (const [name, value] of Object.entries(record)) {
    const child = kind.children.get(name);
    const field = kind.fields.get(name);
    if (field && !(child && (Array.isArray(value) || !isPlain(value)) === !child.singleton)) {
      const fieldPath = [...path, name];
      if (DERIVED.has(name) || kind.scopeFields.includes(name)) fail(ctx, fieldPath, `${name} is derived by the twin from where the item sits`, 'remove it');
      own[name] = checkField(ctx, kind, name, field, value, fieldPath);
      if (typeof value === 'string' && name.endsWith('_sid') && SID.test(value) && name !== 'sid') ctx.references.push({ path: fieldPath, field: name, value });
    } else if (child) children.push([child, value, name]);
    else fail(ctx, [...path, name], `unknown field "${name}" of ${kind.name}`, unknownFix(name, [...kind.fields.keys(), ...kind.children.keys()].filter((n) => !DERIVED.has(n))));
  }
  const coll = ctx.state.ensureCollection(kind, accountSid, scope);
  let key = '';
  if (!kind.singleton) {
    if (own[kind.keyField] === undefined) {
      if (kind.keyField !== 'sid' && !kind.fields.has('sid') && kind.keyPrefix === undefined) fail(ctx, path, `a ${kind.name} item needs ${kind.keyField}`, `add ${kind.keyField}: ...`);
      assignKey(ctx.state, kind, own);
    }
    key = String(own[kind.keyField]);
    if (coll.items.has(key)) fail(ctx, [...path, kind.keyField], `duplicate ${kind.keyField} ${key}`, 'give each item its own value');
  } else if (coll.items.has('')) fail(ctx, path, `${kind.name} is declared twice`, 'merge the two declarations');
  if (typeof own.sid === 'string') ctx.declared.add(own.sid);
  coll.put(key, { own, seq: ctx.state.nextSeq() });
  for (const [child, value, name] of children) loadKind(ctx, child, value, [...path, name], accountSid, [...scope, key]);
}

function loadKind(ctx: Ctx, kind: Kind, value: unknown, path: (string | number)[], accountSid: string, scope: string[]): void {
  if (kind.singleton) return loadRecord(ctx, kind, value, path, accountSid, scope);
  checkList(ctx, value, path, kind.name).forEach((item, i) => loadRecord(ctx, kind, item, [...path, i], accountSid, scope));
}

function loadResources(ctx: Ctx, raw: unknown, path: (string | number)[], accountSid: string): void {
  const resources = checkMapping(ctx, raw, path, 'resources');
  for (const [api, byKind] of Object.entries(resources)) {
    const kinds = ctx.state.catalog.apis.get(api);
    if (!kinds) fail(ctx, [...path, api], `unknown API "${api}"`, unknownFix(api, [...ctx.state.catalog.apis.keys()]));
    const mapping = checkMapping(ctx, byKind, [...path, api], `resources.${api}`);
    for (const [localName, value] of Object.entries(mapping)) {
      const kind = kinds.find((k) => k.localName === localName);
      if (!kind || kind.name === 'api.accounts') {
        fail(ctx, [...path, api, localName], `unknown resource kind "${api}.${localName}"`, unknownFix(localName, kinds.map((k) => k.localName).filter((n) => n !== 'accounts')));
      }
      loadKind(ctx, kind, value, [...path, api, localName], accountSid, kind.v2010 ? [accountSid] : []);
    }
  }
}

/** `media_http_auth: { voice: true, messaging: false }`: the account's "Enforce HTTP Auth on Media URLs" settings. */
function mediaHttpAuth(ctx: Ctx, value: unknown, path: (string | number)[]): { voice?: boolean; messaging?: boolean } {
  const settings = checkMapping(ctx, value, path, 'media_http_auth');
  for (const [name, enabled] of Object.entries(settings)) {
    if (name !== 'voice' && name !== 'messaging') fail(ctx, [...path, name], `unknown field "${name}" of media_http_auth`, 'use voice (recordings) and/or messaging (MMS media)');
    if (typeof enabled !== 'boolean') fail(ctx, [...path, name], `media_http_auth.${name} is not true or false`, 'write true (HTTP auth enforced on media URLs) or false');
  }
  return settings as { voice?: boolean; messaging?: boolean };
}

function accountDate(ctx: Ctx, value: unknown, path: (string | number)[]): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) fail(ctx, path, 'date_created is not a date', 'write an ISO date such as 2021-03-01T00:00:00Z');
  return formatDate(ms, 'date-time-rfc-2822');
}

export interface LoadOptions {
  extensions?: TwinExtension[];
}

/** Parses and validates fixture text into `state`. `file` names the source in errors. */
export function loadFixtureText(state: TwinState, text: string, file: string, options: LoadOptions = {}): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const error = doc.errors[0]!;
    const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
    throw new FixtureError(line ? `${file}:${line}` : file, '(yaml)', error.message.split('\n')[0]!, 'correct the YAML syntax');
  }
  const ctx: Ctx = {
    file,
    state,
    declared: new Set(),
    references: [],
    line: (path) => {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    },
  };
  const root = checkMapping(ctx, doc.toJS(), [], 'the fixture');
  const extensions = options.extensions ?? [];
  for (const key of Object.keys(root)) {
    if (key === 'accounts') continue;
    const extension = extensions.find((e) => e.key === key);
    if (extension) extension.load(root[key], { file, path: key });
    else if (!(RESERVED_EXTENSION_KEYS as readonly string[]).includes(key)) {
      fail(ctx, [key], `unknown top-level key "${key}"`, `use "accounts"${extensions.length ? ` or ${extensions.map((e) => `"${e.key}"`).join(', ')}` : ''}`);
    }
  }
  const accounts = checkList(ctx, root.accounts ?? fail(ctx, [], 'no accounts', 'add an "accounts:" list with at least one master account'), ['accounts'], 'accounts');
  const validated = accounts.map((raw, i) => {
    const path = ['accounts', i];
    const account = checkMapping(ctx, raw, path, 'an account');
    for (const name of Object.keys(account)) {
      if (!ACCOUNT_FIELDS.includes(name)) fail(ctx, [...path, name], `unknown account field "${name}"`, unknownFix(name, ACCOUNT_FIELDS));
    }
    const sid = account.sid;
    if (typeof sid !== 'string' || !/^AC[0-9a-f]{32}$/.test(sid)) fail(ctx, [...path, 'sid'], 'account sid is missing or malformed', 'an account sid is "AC" followed by 32 hex digits (0-9, a-f)');
    if (typeof account.auth_token !== 'string' || !HEX32.test(account.auth_token)) {
      fail(ctx, [...path, 'auth_token'], 'auth_token is missing or malformed', 'use 32 hex digits (0-9, a-f), clearly fake');
    }
    const status = account.status ?? 'active';
    if (!['active', 'suspended', 'closed'].includes(String(status))) fail(ctx, [...path, 'status'], `status "${String(status)}" is not allowed`, 'use one of: active, suspended, closed');
    if (state.accounts.has(sid) || ctx.declared.has(sid)) fail(ctx, [...path, 'sid'], `duplicate account ${sid}`, 'give each account its own sid');
    ctx.declared.add(sid);
    return { account, sid, path, status: String(status) };
  });
  for (const { account, sid, path, status } of validated) {
    const owner = account.owner_account_sid;
    if (owner !== undefined) {
      const ownerEntry = validated.find((v) => v.sid === owner);
      if (!ownerEntry) fail(ctx, [...path, 'owner_account_sid'], `dangling reference: account ${String(owner)} is not declared`, 'declare that account in "accounts" or remove owner_account_sid');
      if (ownerEntry.account.owner_account_sid !== undefined) fail(ctx, [...path, 'owner_account_sid'], 'a subaccount cannot own subaccounts', 'point owner_account_sid at a master account');
    }
    state.addAccount({
      sid,
      authToken: account.auth_token as string,
      friendlyName: typeof account.friendly_name === 'string' ? account.friendly_name : sid,
      status,
      ownerSid: typeof owner === 'string' ? owner : null,
      seq: state.nextSeq(),
      ...(account.date_created !== undefined ? { dateCreated: accountDate(ctx, account.date_created, [...path, 'date_created']) } : {}),
      ...(account.media_http_auth !== undefined ? { mediaHttpAuth: mediaHttpAuth(ctx, account.media_http_auth, [...path, 'media_http_auth']) } : {}),
    });
  }
  if (!validated.some((v) => v.account.owner_account_sid === undefined)) fail(ctx, ['accounts'], 'no master account', 'declare one account without owner_account_sid');
  const keysKind = state.catalog.kinds.get('api.keys')!;
  for (const { account, sid, path } of validated) {
    if (account.api_keys !== undefined) {
      checkList(ctx, account.api_keys, [...path, 'api_keys'], 'api_keys').forEach((raw, j) => {
        const keyPath = [...path, 'api_keys', j];
        const key = checkMapping(ctx, raw, keyPath, 'an API key');
        for (const name of Object.keys(key)) if (!KEY_FIELDS.includes(name)) fail(ctx, [...keyPath, name], `unknown API key field "${name}"`, unknownFix(name, KEY_FIELDS));
        if (typeof key.sid !== 'string' || !/^SK[0-9a-f]{32}$/.test(key.sid)) fail(ctx, [...keyPath, 'sid'], 'API key sid is missing or malformed', 'an API key sid is "SK" followed by 32 hex digits');
        if (typeof key.secret !== 'string' || key.secret.length < 16) fail(ctx, [...keyPath, 'secret'], 'API key secret is missing or too short', 'use at least 16 characters, clearly fake');
        if (state.keys.has(key.sid)) fail(ctx, [...keyPath, 'sid'], `duplicate API key ${key.sid}`, 'give each key its own sid');
        if (key.type !== undefined && !KEY_TYPES.includes(key.type as ApiKeyType)) fail(ctx, [...keyPath, 'type'], `unknown API key type "${String(key.type)}"`, 'use main, standard or restricted (Twilio\'s default is standard)');
        const type: ApiKeyType = (key.type as ApiKeyType | undefined) ?? 'standard';
        state.keys.set(key.sid, { sid: key.sid, accountSid: sid, secret: key.secret, type });
        ctx.declared.add(key.sid);
        const own: Plain = { sid: key.sid, friendly_name: typeof key.friendly_name === 'string' ? key.friendly_name : key.sid };
        state.ensureCollection(keysKind, sid, [sid]).put(key.sid, { own, seq: state.nextSeq() });
      });
    }
    if (account.resources !== undefined) loadResources(ctx, account.resources, [...path, 'resources'], sid);
  }
  const prefixes = new Set<string>();
  for (const kind of state.catalog.kinds.values()) if (kind.sidPrefix) prefixes.add(kind.sidPrefix);
  for (const ref of ctx.references) {
    if (prefixes.has(ref.value.slice(0, 2)) && !ctx.declared.has(ref.value)) {
      const owners = [...state.catalog.kinds.values()].filter((k) => k.sidPrefix === ref.value.slice(0, 2) && !k.parent).map((k) => k.name);
      fail(ctx, ref.path, `dangling reference: ${ref.field} ${ref.value} is not declared in this fixture`, `declare it${owners.length ? ` (e.g. under ${owners.slice(0, 3).join(' or ')})` : ''} or remove ${ref.field}`);
    }
  }
}

export function loadFixtureFile(state: TwinState, file: string, options: LoadOptions = {}): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FixtureError(file, '(file)', 'cannot read the fixture file', 'check the path passed as the fixture');
  }
  loadFixtureText(state, text, file, options);
}
