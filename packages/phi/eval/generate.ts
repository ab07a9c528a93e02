// Seeded generator of labelled eval lines (synthetic: every value is made up). Writes
// eval/generated.txt; a test checks the committed file matches this script's output, so
// the set cannot drift from its generator. Run: npx tsx packages/phi/eval/generate.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEED = 20260325;
export const CASE_COUNT = 800;

/** mulberry32: small, fast, reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(readonly rand: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)] as T;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }
  pad(n: number, width: number): string {
    return String(n).padStart(width, '0');
  }

  // ---- PHI values ----
  first(): string {
    return this.pick(FIRST_NAMES);
  }
  last(): string {
    return this.pick(LAST_NAMES);
  }
  fullName(): string {
    return `${this.first()} ${this.last()}`;
  }
  phone(): string {
    const area = this.pick(AREA_CODES);
    const exch = `${this.int(2, 9)}${this.digits(2)}`;
    const line = this.digits(4);
    switch (this.int(0, 5)) {
      case 0: return `(${area}) ${exch}-${line}`;
      case 1: return `${area}-${exch}-${line}`;
      case 2: return `${area}.${exch}.${line}`;
      case 3: return `+1 ${area} ${exch} ${line}`;
      case 4: return `+1${area}${exch}${line}`;
      default: return `1-${area}-${exch}-${line}`;
    }
  }
  e164(): string {
    return `+1${this.pick(AREA_CODES)}${this.int(2, 9)}${this.digits(6)}`;
  }
  ssn(sep = '-'): string {
    let area = this.int(1, 899);
    if (area === 666) area = 667;
    return `${this.pad(area, 3)}${sep}${this.pad(this.int(1, 99), 2)}${sep}${this.pad(this.int(1, 9999), 4)}`;
  }
  birthDate(): string {
    const y = this.int(1930, 2015);
    const mo = this.int(1, 12);
    const d = this.int(1, 28);
    switch (this.int(0, 3)) {
      case 0: return `${this.pad(mo, 2)}/${this.pad(d, 2)}/${y}`;
      case 1: return `${mo}/${d}/${String(y).slice(2)}`;
      case 2: return `${y}-${this.pad(mo, 2)}-${this.pad(d, 2)}`;
      default: return `${MONTH_NAMES[mo - 1]} ${d}, ${y}`;
    }
  }
  recentDate(): string {
    const y = this.int(2022, 2026);
    const mo = this.int(1, 12);
    const d = this.int(1, 28);
    return this.int(0, 1) === 0 ? `${this.pad(mo, 2)}/${this.pad(d, 2)}/${y}` : `${y}-${this.pad(mo, 2)}-${this.pad(d, 2)}`;
  }
  email(name = this.fullName()): string {
    const [f = 'x', l = 'y'] = name.toLowerCase().replace(/[^a-z ]/g, '').split(' ');
    const local = this.pick([`${f}.${l}`, `${f[0]}${l}`, `${f}${this.int(1, 99)}`, `${l}.${f}`]);
    return `${local}@${this.pick(['gmail.com', 'yahoo.com', 'example.org', 'outlook.com', 'mail.example.net'])}`;
  }
  street(): string {
    const n = this.int(1, 9999);
    const dir = this.pick(['', '', 'N ', 'S ', 'E ', 'W ']);
    const name = this.pick(STREET_NAMES);
    const suffix = this.pick(['Street', 'St', 'Ave', 'Avenue', 'Road', 'Rd', 'Blvd', 'Lane', 'Dr', 'Drive', 'Court', 'Way', 'Place', 'Terrace']);
    const unit = this.pick(['', '', '', `, Apt ${this.int(1, 40)}${this.pick(['', 'B', 'C'])}`, ` Suite ${this.int(100, 900)}`]);
    return `${n} ${dir}${name} ${suffix}${unit}`;
  }
  cityState(): [string, string] {
    return this.pick(CITIES);
  }
  zip(): string {
    const z = this.pad(this.int(1001, 99950), 5);
    return this.int(0, 4) === 0 ? `${z}-${this.digits(4)}` : z;
  }
  mrn(): string {
    return this.pick([`${this.digits(8)}`, `A${this.digits(7)}`, `MR${this.digits(6)}`, `${this.digits(3)}-${this.digits(4)}`, `E${this.digits(9)}`]);
  }
  mbi(): string {
    const L = 'ACDEFGHJKMNPQRTUVWXY';
    const A = L + '0123456789';
    const c = (s: string): string => s[this.int(0, s.length - 1)] as string;
    const raw = `${this.int(1, 9)}${c(L)}${c(A)}${this.int(0, 9)}${c(L)}${c(A)}${this.int(0, 9)}${c(L)}${c(L)}${this.digits(2)}`;
    return this.int(0, 2) === 0 ? `${raw.slice(0, 4)}-${raw.slice(4, 7)}-${raw.slice(7)}` : raw;
  }
  memberId(): string {
    return this.pick([`${this.pick(['XYZ', 'H', 'W', 'BCB', 'U'])}${this.digits(9)}`, `${this.digits(11)}`, `M${this.digits(8)}01`]);
  }
  card(): string {
    const prefix = this.pick(['4', '51', '52', '55', '6011', '37']);
    const len = prefix === '37' ? 15 : 16;
    let body = prefix + this.digits(len - prefix.length - 1);
    body += String(luhnCheckDigit(body));
    if (len === 16 && this.int(0, 1) === 0) return body.replace(/(\d{4})(?=\d)/g, '$1 ');
    return body;
  }
  bankAccount(): string {
    return this.digits(this.int(8, 12));
  }
  npi(): string {
    const body = `${this.int(1, 2)}${this.digits(8)}`;
    return body + String(luhnCheckDigit(`80840${body}`));
  }
  dea(): string {
    const first = this.pick(['A', 'B', 'F', 'M']);
    const second = this.pick(['B', 'C', 'D', 'G', 'J', 'K', 'L', 'R', 'S', 'W']);
    const d = [0, 0, 0, 0, 0, 0].map(() => this.int(0, 9));
    const sum = (d[0] as number) + (d[2] as number) + (d[4] as number) + 2 * ((d[1] as number) + (d[3] as number) + (d[5] as number));
    return `${first}${second}${d.join('')}${sum % 10}`;
  }
  driverLicense(): string {
    return this.pick([`D${this.digits(7)}`, `${this.pick(['A', 'B', 'S', 'W'])}${this.digits(12)}`, `${this.digits(9)}`]);
  }
  vin(): string {
    const chars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
    let v = '';
    for (let i = 0; i < 17; i++) v += chars[this.int(0, chars.length - 1)];
    return v.slice(0, 8) + vinCheck(v) + v.slice(9);
  }
  plate(): string {
    return this.pick([`${this.int(1, 9)}${this.pick(['ABC', 'KLM', 'XYZ', 'TRV'])}${this.digits(3)}`, `${this.pick(['HJK', 'WQE'])}-${this.digits(4)}`]);
  }
  deviceSerial(): string {
    return this.pick([`PM-${this.digits(5)}-X`, `${this.pick(['SN', 'GL', 'MDT'])}${this.digits(8)}`, `${this.digits(3)}${this.pick(['A', 'K'])}${this.digits(6)}`]);
  }
  imei(): string {
    const body = this.digits(14);
    return body + String(luhnCheckDigit(body));
  }
  url(): string {
    const name = this.first().toLowerCase();
    return this.pick([
      `https://portal.${this.pick(['sunrise-health', 'northclinic', 'example-care'])}.org/patients/${name}-${this.last().toLowerCase()}`,
      `http://www.${name}${this.last().toLowerCase()}.com`,
      `https://facebook.com/${name}.${this.last().toLowerCase()}${this.int(1, 99)}`,
      `www.example-clinic.com/records?patient=${name}`,
    ]);
  }
  ip(): string {
    if (this.int(0, 5) === 0) return `2001:db8:${this.hex(4)}:${this.hex(2)}::${this.hex(3)}`;
    return `${this.int(11, 223)}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }

  // ---- operational values (never PHI) ----
  sid(prefix = this.pick(SID_PREFIXES)): string {
    return prefix + this.hex(32);
  }
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
  }
  timestamp(): string {
    const base = `${this.int(2023, 2026)}-${this.pad(this.int(1, 12), 2)}-${this.pad(this.int(1, 28), 2)}T${this.pad(this.int(0, 23), 2)}:${this.pad(this.int(0, 59), 2)}:${this.pad(this.int(0, 59), 2)}`;
    return this.pick([`${base}Z`, `${base}.${this.digits(3)}Z`, `${base}+00:00`, `${base}-05:00`]);
  }
  version(): string {
    return this.pick([`v${this.int(1, 20)}.${this.int(0, 30)}.${this.int(0, 40)}`, `${this.int(1, 9)}.${this.int(0, 30)}.${this.int(0, 40)}`, `${this.int(1, 5)}.${this.int(0, 9)}.${this.int(0, 9)}-beta.${this.int(1, 9)}`]);
  }
  errorCode(): string {
    return this.pick([`error ${this.pick(['30003', '30005', '30006', '30007', '21211', '21610', '11200', '20003', '20404'])}`, `ErrorCode=${this.pick(['30008', '21408', '13227'])}`, `HTTP ${this.pick(['400', '401', '404', '429', '500', '503'])}`]);
  }
  digest(): string {
    return this.pick([this.hex(64), this.hex(40), `sha256:${this.hex(64)}`, base64ish(this, 43) + '=']);
  }
  orderNumber(): string {
    return this.pick([`ORD-${this.int(2023, 2026)}-${this.digits(6)}`, `#${this.digits(6)}`, `A-${this.digits(5)}`, `INV${this.digits(7)}`]);
  }
  ticketNumber(): string {
    return this.pick([`ticket ${this.digits(7)}`, `case #${this.digits(8)}`, `JIRA-${this.int(100, 9999)}`, `ZD-${this.digits(6)}`]);
  }
}

function base64ish(g: Gen, n: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = 'Ab9';
  for (let i = 3; i < n; i++) s += chars[g.int(0, 63)];
  return s;
}

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

function vinCheck(v: string): string {
  const values: Record<string, number> = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 };
  const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = v[i] as string;
    sum += (/\d/.test(c) ? Number(c) : (values[c] ?? 0)) * (weights[i] as number);
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const FIRST_NAMES = ['Maria', 'James', 'Aisha', 'Wei', 'Carlos', 'Priya', 'John', 'Fatima', 'Dmitri', 'Keisha', 'Olivia', 'Mohammed', 'Sofia', 'Liam', 'Minh', 'Hiroshi', 'Elena', 'Kwame', 'Rachel', 'Diego', 'Hannah', 'Tyrone', 'Mei', 'Andrew', 'Lucia', 'Samuel', 'Grace', 'Ahmed', 'Isabella', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Patricia', 'Jose', 'Emily', 'Daniel', 'Sarah', 'Thomas'];
const LAST_NAMES = ['Lopez', 'Johnson', 'Okafor', 'Chen', 'Patel', 'Nguyen', 'Smith', 'Garcia', 'Kowalski', 'Williams', 'Brown', 'Haddad', 'Rossi', 'Murphy', 'Tanaka', 'Ivanova', 'Mensah', 'Goldberg', 'Hernandez', 'Anderson', 'Kim', 'Thompson', 'Martinez', 'Robinson', 'Clark', 'Rodriguez', 'Lewis', 'Walker', 'Hall', 'Allen', 'Wright', 'Scott', 'Torres', 'Nelson', 'Carter', 'Mitchell', 'Perez', 'Roberts', 'Turner', 'Phillips'];
const AREA_CODES = ['212', '415', '312', '617', '206', '303', '404', '512', '713', '305', '617', '718', '202', '602', '971'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const STREET_NAMES = ['Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Pine', 'Sunset', 'Park', 'Evergreen', 'Highland', 'Mission', '5th', '21st'];
const CITIES: [string, string][] = [['Springfield', 'IL'], ['Oakland', 'CA'], ['Austin', 'TX'], ['Portland', 'OR'], ['Columbus', 'OH'], ['Tampa', 'FL'], ['Denver', 'CO'], ['Madison', 'WI'], ['Boise', 'ID'], ['Albany', 'NY']];
const SID_PREFIXES = ['SM', 'MM', 'CA', 'AC', 'WK', 'WT', 'WW', 'WQ', 'WS', 'IS', 'PN', 'MG', 'RE', 'FW', 'ZS', 'ZH', 'CH', 'KS', 'SK', 'VA', 'QU', 'FO'];

type Template = (g: Gen) => string;
const tag = (type: string, value: string): string => `{{${type}|${value}}}`;
const op = (value: string): string => tag('OP', value);

// Log lines, support-ticket prose, JSON payloads and TaskRouter attributes, mixing PHI and operational tokens.
const TEMPLATES: readonly Template[] = [
  (g) => `${op(g.timestamp())} INFO message ${op(g.sid('SM'))} to ${tag('PHONE', g.e164())} status=delivered ${op(g.errorCode())}`,
  (g) => `Patient ${tag('NAME', g.fullName())} (DOB ${tag('DATE', g.birthDate())}) called about refill, ${op(g.ticketNumber())}`,
  (g) => `Caller ${tag('NAME', g.fullName())} at ${tag('PHONE', g.phone())} asked to reschedule. Call ${op(g.sid('CA'))}`,
  (g) => `${op(g.timestamp())} WARN webhook failed ${op(g.errorCode())} for ${op(g.sid('SM'))}, request ${op(g.uuid())}`,
  (g) => `SSN ${tag('SSN', g.ssn())} on file for member ${tag('NAME', g.fullName())}`,
  (g) => `Please update email to ${tag('EMAIL', g.email())} - ${op(g.ticketNumber())} ${op(g.orderNumber())}`,
  (g) => {
    const [city, st] = g.cityState();
    return `Mailing address: ${tag('ADDRESS', `${g.street()}, ${city}, ${st}`)} ${tag('ZIP', g.zip())}`;
  },
  (g) => `MRN: ${tag('MRN', g.mrn())} admitted ${tag('DATE', g.recentDate())}, discharged ${tag('DATE', g.recentDate())}`,
  (g) => `Medicare MBI ${tag('HEALTH_PLAN', g.mbi())} verified; plan group ${op(g.version())}`,
  (g) => `Insurance member ID ${tag('HEALTH_PLAN', g.memberId())} for ${tag('NAME', g.fullName())}, order ${op(g.orderNumber())}`,
  (g) => `Card on file ${tag('ACCOUNT', g.card())} declined, ${op(g.errorCode())}`,
  (g) => `Billing account number ${tag('ACCOUNT', g.bankAccount())} past due since ${op(g.timestamp())}`,
  (g) => `Referring provider NPI ${tag('LICENSE', g.npi())}, DEA ${tag('LICENSE', g.dea())}`,
  (g) => `Driver's license ${tag('LICENSE', g.driverLicense())} copied for ${tag('NAME', g.fullName())}`,
  (g) => `Vehicle VIN ${tag('VEHICLE', g.vin())} plate ${tag('VEHICLE', g.plate())} in parking garage`,
  (g) => `Pacemaker serial number ${tag('DEVICE', g.deviceSerial())} registered; app build ${op(g.version())}`,
  (g) => `Device IMEI ${tag('DEVICE', g.imei())} linked to ${op(g.sid('PN'))}`,
  (g) => `Profile ${tag('URL', g.url())} shared in chat ${op(g.sid('CH'))}`,
  (g) => `login from ${tag('IP', g.ip())} at ${op(g.timestamp())} trace ${op(g.uuid())}`,
  (g) => `Send records by fax ${tag('FAX', g.phone())} to Dr. ${tag('NAME', g.last())}`,
  (g) => `{"task_sid":"${op(g.sid('WT'))}","attributes":{"patient_name":"${tag('NAME', g.fullName())}","dob":"${tag('DATE', g.birthDate())}","mrn":"${tag('MRN', g.mrn())}"}}`,
  (g) => `{"worker_sid":"${op(g.sid('WK'))}","from":"${tag('PHONE', g.e164())}","insurance_id":"${tag('HEALTH_PLAN', g.memberId())}","date_created":"${op(g.timestamp())}"}`,
  (g) => `attributes="{\\"caller_name\\":\\"${tag('NAME', g.fullName())}\\",\\"email\\":\\"${tag('EMAIL', g.email())}\\",\\"call_sid\\":\\"${op(g.sid('CA'))}\\"}"`,
  (g) => `Hi ${tag('NAME', g.first())}, this is a reminder of your appointment on ${tag('DATE', g.recentDate())}. Reply STOP to opt out.`,
  (g) => `Dear ${tag('NAME', g.fullName())}, your lab results are ready at ${op('https://api.twilio.com/2010-04-01/Accounts/' + g.sid('AC') + '/Messages.json')}`,
  (g) => `Mrs. ${tag('NAME', g.last())} was born ${tag('DATE', g.birthDate())} and lives at ${tag('ADDRESS', g.street())}`,
  (g) => `GET ${op(`https://taskrouter.twilio.com/v1/Workspaces/${g.sid('WS')}/Tasks`)} ${op(g.errorCode())} in ${op(`${g.int(20, 900)}ms`)} sdk ${op(g.version())}`,
  (g) => `deploy ${op(g.version())} commit ${op(g.hex(40))} digest ${op(g.digest())} at ${op(g.timestamp())}`,
  (g) => `${op(g.orderNumber())} shipped; ${op(g.ticketNumber())} closed; build ${op(g.version())}; ref ${op(g.uuid())}`,
  (g) => `Flow ${op(g.sid('FW'))} execution ${op(g.sid('FN'))} step send_message ${op(g.errorCode())} retry at ${op(g.timestamp())}`,
  (g) => `${tag('NAME', g.fullName())} texted from ${tag('PHONE', g.phone())}: "can I move my visit?" via ${op(g.sid('MG'))}`,
  (g) => `patient_id=${tag('MRN', g.mrn())} ssn=${tag('SSN', g.ssn())} zip=${tag('ZIP', g.zip())} sid=${op(g.sid('SM'))}`,
  (g) => `Social security ${tag('SSN', g.ssn(''))} provided by ${tag('NAME', g.fullName())}`,
  (g) => `Contact ${tag('NAME', g.fullName())}, ${tag('EMAIL', g.email())}, cell ${tag('PHONE', g.phone())}`,
  (g) => `Emergency contact: ${tag('NAME', g.fullName())} (spouse) ${tag('PHONE', g.phone())}`,
  (g) => `Segment track event ${op(g.uuid())} user ${op(g.uuid())} received ${op(g.timestamp())} library analytics-node ${op(g.version())}`,
];

export function generateCases(seed = SEED, count = CASE_COUNT): string[] {
  const g = new Gen(prng(seed));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push((TEMPLATES[i % TEMPLATES.length] as Template)(g));
  return lines;
}

export const generatedFile = join(dirname(fileURLToPath(import.meta.url)), 'generated.txt');

export function generatedText(): string {
  return `# Generated by packages/phi/eval/generate.ts (seed ${SEED}); do not edit by hand.\n${generateCases().join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(generatedFile, generatedText());
  console.log(`wrote ${CASE_COUNT} cases to ${generatedFile}`);
}
