// The chaperone.yaml that `chaperone init` writes: pure text from what a read-only scan
// found. It claims nothing a person has not confirmed: designated accounts and
// attestations are written commented out, so the first scan still reports them as
// fail/manual until someone uncomments (and fills in) what is true. The BAA date is the
// one value init may set, because the user typed it.
import { controlsFor, type Control, type Platform } from '@chaperone/controls';

export interface InitAccount {
  platform: Platform;
  sid: string;
  friendlyName?: string;
  parent?: string;
  dateCreated?: string;
}

export interface InitTemplateInput {
  accounts: readonly InitAccount[];
  /** YYYY-MM-DD, or undefined for a commented placeholder. */
  baaDate?: string;
  /** Platforms read; their attest controls are listed. */
  platforms: readonly Platform[];
  /** When the account was read (the file's header says so). */
  now: Date;
  /** Set when the account list could not be read in full: the header says which accounts may be missing. */
  incomplete?: string;
}

/** Placeholders a person replaces before uncommenting an attestation. */
export const WHO_PLACEHOLDER = 'WHO (name or email of the person who checked)';
export const DATE_PLACEHOLDER = 'YYYY-MM-DD';

// A friendly name goes into a comment: control characters (a newline would end the
// comment and inject YAML) become spaces.
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

function describeAccount(account: InitAccount): string {
  const parts = [account.friendlyName ? oneLine(account.friendlyName) : undefined, account.parent ? 'subaccount' : account.platform === 'twilio' ? 'master' : undefined].filter(Boolean);
  const created = account.dateCreated ? `created ${account.dateCreated.slice(0, 10)}` : 'creation date not read';
  return `${parts.join(', ')}${parts.length ? '; ' : ''}${created}`;
}

/** The controls the catalog has a person confirm (verification includes attest), for the platforms read. */
export function attestControls(platforms: readonly Platform[]): Control[] {
  return platforms.flatMap((platform) => controlsFor({ platform, verification: 'attest' }));
}

function attestationBlock(control: Control): string[] {
  const why = control.attestSettlesFail ? `only when the scan fails it: ${oneLine(control.attestSettlesFail)}` : `${control.classification}; ${oneLine(control.summary)}`;
  return [
    `#   # ${control.id}: ${why}`,
    `#   - control: ${control.id}`,
    `#     by: ${WHO_PLACEHOLDER}`,
    `#     date: ${DATE_PLACEHOLDER} # the day it was checked`,
    `#     expires: ${DATE_PLACEHOLDER} # until: the last day it counts, e.g. a year on`,
  ];
}

export function renderInitConfig(input: InitTemplateInput): string {
  const twilio = input.accounts.filter((a) => a.platform === 'twilio');
  const segment = input.accounts.filter((a) => a.platform === 'segment');
  const lines: string[] = [
    '# chaperone.yaml, written by `chaperone init` on ' + input.now.toISOString().slice(0, 10) + ' from a read-only scan.',
    '# It claims nothing yet: the designated accounts and attestations below are commented out.',
    '# Uncomment only what is true, fill in every placeholder, then run `chaperone scan`.',
    '# Dates are calendar days YYYY-MM-DD (UTC). Reference: `chaperone controls --verify attest`.',
  ];
  if (input.incomplete) lines.push(`# Not every account may be listed here (${oneLine(input.incomplete)}).`);
  lines.push('');

  lines.push('# The Business Associate Addendum signed with Twilio. An account that is not under');
  lines.push('# designatedAccounts fails TW-ACCT-DESIGNATION when created before the BAA date and');
  lines.push('# TW-ACCT-NEW-PROJECT when created after it. Keep (uncomment) the accounts Twilio');
  lines.push('# designated HIPAA; every account the scan found is listed.');
  const accountLines = twilio.map((a) => `#     - ${a.sid} # ${describeAccount(a)}`);
  if (input.baaDate) {
    lines.push('baa:', `  date: ${input.baaDate}`);
    if (accountLines.length) lines.push('#   designatedAccounts:', ...accountLines);
  } else {
    lines.push('# The BAA date was not given (`chaperone init --baa-date YYYY-MM-DD`): fill it in and');
    lines.push('# uncomment the block; until then account designation stays manual.');
    lines.push('# baa:', `#   date: ${DATE_PLACEHOLDER} # the day the BAA took effect`);
    if (accountLines.length) lines.push('#   designatedAccounts:', ...accountLines);
  }
  lines.push('');

  if (segment.length) {
    lines.push('# The Segment workspaces Segment designated HIPAA, and the destination and warehouse');
    lines.push('# vendors covered by a BAA (e.g. snowflake).');
    lines.push('# segment:', '#   designatedWorkspaces:', ...segment.map((w) => `#     - ${w.sid}${w.friendlyName ? ` # ${oneLine(w.friendlyName)}` : ''}`));
    lines.push('#   baaVendors: []');
    lines.push('');
  }

  const controls = attestControls(input.platforms);
  if (controls.length) {
    lines.push('# Controls only a person can confirm. Uncomment `attestations:` and each control that');
    lines.push('# was checked, with who checked it, when, and until when it counts; a control left');
    lines.push('# commented out stays `manual` in the scan.');
    lines.push('# attestations:');
    for (const control of controls) lines.push(...attestationBlock(control));
  }
  return lines.join('\n') + '\n';
}
