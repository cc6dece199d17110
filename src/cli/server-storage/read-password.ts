import type { ReadStream } from 'node:tty';

/**
 * Reads a password from standard input. On a terminal: prompts on stderr, echoes nothing, asks
 * twice. From a pipe (scripts, tests): the first line. Never from the command line, where it would
 * land in shell history and `ps`.
 */
export async function readPassword(
  stdin: NodeJS.ReadableStream,
  stderr: NodeJS.WritableStream,
): Promise<string> {
  const tty = stdin as Partial<ReadStream>;
  if (tty.isTTY && typeof tty.setRawMode === 'function') {
    const first = await readHidden(tty as ReadStream, stderr, 'Password (at least 12 characters): ');
    const second = await readHidden(tty as ReadStream, stderr, 'Repeat the password: ');
    if (first !== second) throw new Error('the two passwords differ');
    return first;
  }
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function readHidden(tty: ReadStream, stderr: NodeJS.WritableStream, prompt: string): Promise<string> {
  stderr.write(prompt);
  tty.setRawMode(true);
  tty.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      tty.setRawMode(false);
      tty.pause();
      tty.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    tty.on('data', onData);
  });
}
