// `chaperone controls`: list and filter the control catalog as a table, JSON or Markdown.
import { parseArgs } from 'node:util';
import {
  CLASSIFICATION_LABEL,
  closestControlId,
  controlsFor,
  controlsMarkdownTable,
  getControl,
  isControlId,
  productSections,
  type Classification,
  type Control,
  type Platform,
  type Verification,
} from '@chaperone/controls';
import type { CommandIO } from '../io.ts';

export const summary = 'list the control catalog (--format table|json|markdown, filters)';

const HELP = `Usage: chaperone controls [options]

Lists the controls of "Architecting for HIPAA on Twilio" that Chaperone checks.

Options:
  --platform twilio|segment
  --product TEXT        product section, case-insensitive substring (e.g. flex, "voice and sip")
  --class R|Rec|S|NE|P  or required|recommended|special-consideration|not-eligible|platform
  --verify scan|guard|attest
  --id ID               one control (e.g. TW-HTTPS)
  --format table|json|markdown   (default table)
  -h, --help
`;

const PLATFORMS: readonly Platform[] = ['twilio', 'segment'];
const VERIFICATIONS: readonly Verification[] = ['scan', 'guard', 'attest'];
const FORMATS = ['table', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

// The guide's own abbreviations (as in shared/controls.md) next to the full names.
const CLASS_ALIASES: Record<string, Classification> = {
  r: 'required',
  rec: 'recommended',
  s: 'special-consideration',
  ne: 'not-eligible',
  p: 'platform',
  required: 'required',
  recommended: 'recommended',
  'special-consideration': 'special-consideration',
  'not-eligible': 'not-eligible',
  platform: 'platform',
};

class UsageError extends Error {}

function oneOf<T extends string>(flag: string, value: string | undefined, valid: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase() as T;
  if (valid.includes(lower)) return lower;
  throw new UsageError(`--${flag} "${value}" is not valid; use one of: ${valid.join(', ')}`);
}

interface Selection {
  controls: Control[];
  format: Format;
}

function select(argv: string[]): Selection | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        platform: { type: 'string' },
        product: { type: 'string' },
        class: { type: 'string' },
        verify: { type: 'string' },
        id: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs messages are one line already ("Unknown option '--x'..."); keep only that.
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see \`chaperone controls --help\`)`);
  }
  if (values.help) return 'help';

  const format = oneOf('format', values.format, FORMATS) ?? 'table';
  const platform = oneOf('platform', values.platform, PLATFORMS);
  const verification = oneOf('verify', values.verify, VERIFICATIONS);
  let classification: Classification | undefined;
  if (values.class !== undefined) {
    classification = CLASS_ALIASES[values.class.toLowerCase()];
    if (!classification) {
      throw new UsageError(`--class "${values.class}" is not valid; use one of: R, Rec, S, NE, P (or ${Object.keys(CLASSIFICATION_LABEL).join(', ')})`);
    }
  }
  const product = values.product;
  if (product !== undefined && !productSections().some((p) => p.toLowerCase().includes(product.toLowerCase()))) {
    throw new UsageError(`--product "${product}" matches no product; use part of one of: ${productSections().join('; ')}`);
  }
  let controls = controlsFor({ platform, product, classification, verification });
  if (values.id !== undefined) {
    const id = values.id.toUpperCase();
    if (!isControlId(id)) throw new UsageError(`--id "${values.id}" is not a control id; did you mean ${closestControlId(values.id)}?`);
    const wanted = getControl(id);
    controls = controls.filter((c) => c.id === wanted.id);
  }
  return { controls, format };
}

const CLASS_SHORT: Record<Classification, string> = {
  required: 'R',
  recommended: 'Rec',
  'special-consideration': 'S',
  'not-eligible': 'NE',
  platform: 'P',
};

function table(controls: readonly Control[]): string {
  const rows = controls.map((c) => [
    c.id,
    CLASS_SHORT[c.classification],
    c.severity,
    c.verification.length ? c.verification.join(',') : `see ${c.seeAlso ?? 'other rows'}`,
    c.summary,
  ]);
  const header = ['ID', 'CLASS', 'SEVERITY', 'VERIFY', 'SUMMARY'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((text, i) => (i === cells.length - 1 ? text : text.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + `\n\n${controls.length} control(s). Classes: R required, Rec recommended, S special consideration, NE not eligible, P platform.\n`;
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let selection: Selection | 'help';
  try {
    selection = select(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`chaperone controls: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (selection === 'help') {
    io.stdout(HELP);
    return 0;
  }
  const { controls, format } = selection;
  if (format === 'json') io.stdout(JSON.stringify(controls, null, 2) + '\n');
  else if (controls.length === 0) io.stderr('chaperone controls: no control matches these filters\n');
  else if (format === 'markdown') io.stdout(controlsMarkdownTable(controls));
  else io.stdout(table(controls));
  return 0;
}
