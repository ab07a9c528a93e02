// `chaperone redact`: PHI out of text bound for a support ticket (the guide forbids PHI
// there). Streams stdin to stdout line for line: the N-th output line is the N-th input
// line redacted, so a redacted log still lines up with the original.
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { detectPhi, redactPhi, type RedactOptions, type RedactionStyle } from '@chaperone/phi';
import type { CommandIO } from '../io.ts';

export const summary = 'redact PHI from stdin to stdout, line for line';

const HELP = `Usage: chaperone redact [--style mask|tag|hash] [--check]

Reads text on stdin and writes it on stdout with PHI redacted, line for line.
  --style tag    replace each identifier with its type, e.g. <PHONE> (default)
  --style mask   keep the shape: letters and digits become *, phones keep all but the last four digits
  --style hash   stable keyed token, e.g. <PHONE:3f2a9c1b>; the key comes from CHAPERONE_REDACT_KEY
  --check        print nothing of the text: only "line N: TYPES" for lines with PHI; exit 1 if any
`;

const STYLES: readonly RedactionStyle[] = ['mask', 'tag', 'hash'];
const MIN_HASH_KEY_LENGTH = 16;

interface Parsed {
  style: RedactionStyle;
  check: boolean;
  help: boolean;
}

function parse(argv: string[]): Parsed {
  const { values } = parseArgs({
    args: argv,
    options: {
      style: { type: 'string', default: 'tag' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const style = values.style as string;
  if (!STYLES.includes(style as RedactionStyle)) {
    throw new Error(`--style "${style}" is unknown: use mask, tag or hash`);
  }
  return { style: style as RedactionStyle, check: values.check === true, help: values.help === true };
}

/** Calls `onLine(line, eol)` for each line of the stream; the last line may have no newline. */
async function eachLine(
  stream: NodeJS.ReadableStream,
  onLine: (line: string, eol: string) => void,
  flush: () => void,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const take = (text: string): void => {
    pending += text;
    let from = 0;
    let nl: number;
    while ((nl = pending.indexOf('\n', from)) >= 0) {
      const crlf = nl > from && pending.charCodeAt(nl - 1) === 13;
      onLine(pending.slice(from, crlf ? nl - 1 : nl), crlf ? '\r\n' : '\n');
      from = nl + 1;
    }
    pending = pending.slice(from);
    flush();
  };
  for await (const chunk of stream) take(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
  take(decoder.end());
  if (pending.length > 0) onLine(pending, '');
  flush();
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let args: Parsed;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`chaperone redact: ${error instanceof Error ? error.message : String(error)}. Run \`chaperone redact --help\`.\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(HELP);
    return 0;
  }
  const opts: RedactOptions = { style: args.style };
  if (args.style === 'hash' && !args.check) {
    const key = io.env.CHAPERONE_REDACT_KEY;
    if (!key || key.length < MIN_HASH_KEY_LENGTH) {
      io.stderr(
        `chaperone redact: --style hash needs CHAPERONE_REDACT_KEY set to a secret of at least ${MIN_HASH_KEY_LENGTH} characters (the HMAC key; keep it out of the ticket).\n`,
      );
      return 2;
    }
    opts.hashKey = key;
  }

  // Output is gathered per input chunk so a huge input costs one write per chunk, not per line.
  let out = '';
  let lineNo = 0;
  let linesWithPhi = 0;
  const flush = (): void => {
    if (out.length > 0) io.stdout(out);
    out = '';
  };
  const onLine = args.check
    ? (line: string): void => {
        lineNo++;
        const hits = detectPhi(line);
        if (hits.length === 0) return;
        linesWithPhi++;
        out += `line ${lineNo}: ${[...new Set(hits.map((h) => h.type))].join(', ')}\n`;
      }
    : (line: string, eol: string): void => {
        out += redactPhi(line, opts) + eol;
      };
  await eachLine(io.stdin, onLine, flush);
  return args.check && linesWithPhi > 0 ? 1 : 0;
}
