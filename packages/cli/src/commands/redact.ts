// `chaperone redact`: PHI out of text bound for a support ticket (the guide forbids PHI
// there). Streams stdin to stdout line for line: the N-th output line is the N-th input
// line redacted, so a redacted log still lines up with the original. Bytes are kept: a line
// with nothing to redact comes out byte for byte as it went in, and bytes that are not UTF-8
// (Latin-1, binary) pass through unchanged (@chaperone/phi's decodeEscaped/encodeEscaped).
import { parseArgs } from 'node:util';
import { decodeEscaped, detectPhi, encodeEscaped, redactPhi, type RedactOptions, type RedactionStyle } from '@chaperone/phi';
import type { CommandIO } from '../io.ts';

export const summary = 'redact PHI from stdin to stdout, line for line';

export const HELP = `Usage: chaperone redact [--style mask|tag|hash] [--check]

Reads text on stdin and writes it on stdout with PHI redacted, line for line.
  --style tag    replace each identifier with its type, e.g. <PHONE> (default)
  --style mask   keep the shape: letters and digits become *, phones keep all but the last four digits
  --style hash   stable keyed token, e.g. <PHONE:3f2a9c1b>; the key comes from CHAPERONE_REDACT_KEY
  --check        print nothing of the text: only "line N: TYPES" for lines with PHI; exit 1 if any

Only what is redacted changes: every other byte comes out as it went in, line ends (LF, CRLF,
none at the end) included. Bytes that are not valid UTF-8 (Latin-1 "caf\\xe9", binary) are
not refused and not replaced: they pass through unchanged, and text around them is redacted.
`;

const STYLES: readonly RedactionStyle[] = ['mask', 'tag', 'hash'];
const MIN_HASH_KEY_LENGTH = 16;
const LF = 0x0a;
const CR = 0x0d;

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

/**
 * Calls `onLine(line, eol)` for each line of the byte stream (`line` without its line end,
 * `eol` the bytes of it: LF, CRLF or none for a last line without one), then `flush` after
 * each chunk. A line split across chunks is gathered as a list and joined once.
 */
async function eachLine(
  stream: NodeJS.ReadableStream,
  onLine: (line: Buffer, eol: Buffer) => void,
  flush: () => void,
): Promise<void> {
  const LF_ONLY = Buffer.from([LF]);
  const CRLF = Buffer.from([CR, LF]);
  const NONE = Buffer.alloc(0);
  let pending: Buffer[] = [];
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
    let from = 0;
    let nl: number;
    while ((nl = chunk.indexOf(LF, from)) >= 0) {
      let line = chunk.subarray(from, nl);
      if (pending.length > 0) {
        pending.push(line);
        line = Buffer.concat(pending);
        pending = [];
      }
      const crlf = line.length > 0 && line[line.length - 1] === CR;
      onLine(crlf ? line.subarray(0, line.length - 1) : line, crlf ? CRLF : LF_ONLY);
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.subarray(from));
    flush();
  }
  if (pending.length > 0) onLine(Buffer.concat(pending), NONE);
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
  let out: Buffer[] = [];
  let lineNo = 0;
  let linesWithPhi = 0;
  const write = (bytes: Buffer): void => {
    if (io.stdoutBytes) io.stdoutBytes(bytes);
    // An injected IO without a byte channel gets text (escaped bytes become U+FFFD there).
    else io.stdout(bytes.toString('utf8'));
  };
  const flush = (): void => {
    if (out.length === 1) write(out[0] as Buffer);
    else if (out.length > 1) write(Buffer.concat(out));
    out = [];
  };
  const onLine = args.check
    ? (line: Buffer): void => {
        lineNo++;
        const hits = detectPhi(decodeEscaped(line));
        if (hits.length === 0) return;
        linesWithPhi++;
        out.push(Buffer.from(`line ${lineNo}: ${[...new Set(hits.map((h) => h.type))].join(', ')}\n`));
      }
    : (line: Buffer, eol: Buffer): void => {
        const text = decodeEscaped(line);
        const redacted = redactPhi(text, opts);
        // Nothing redacted: the line's own bytes, not a re-encoding of them.
        out.push(redacted === text ? line : encodeEscaped(redacted), eol);
      };
  await eachLine(io.stdin, onLine, flush);
  return args.check && linesWithPhi > 0 ? 1 : 0;
}
