// Reads a secret from stdin: piped, the whole input less one trailing newline; from a
// terminal, one line typed without echo (raw mode), so a password never shows on screen
// nor lands in shell history as an argument.
import type { CommandIO } from '../io.ts';

interface TtyIn extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): void;
}

export async function readSecret(io: CommandIO, prompt: string): Promise<string> {
  const stdin = io.stdin as TtyIn;
  if (stdin.isTTY && stdin.setRawMode) return readHidden(stdin, io, prompt);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function readHidden(stdin: TtyIn, io: CommandIO, prompt: string): Promise<string> {
  io.stderr(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (error?: Error) => {
      stdin.setRawMode!(false);
      stdin.removeListener('data', onData);
      stdin.pause();
      io.stderr('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (data: Buffer | string) => {
      for (const ch of String(data)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.setRawMode!(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
