// `npm run -s waymark -- <command>`: the same domain code as the app, with Node I/O.
import { WAYMARK_VERSION } from '../server/version';
import { ExitCode, type CliIo } from './command';
import { commands } from './commands/index';

async function help(): Promise<string> {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  const width = Math.max(8, ...loaded.map((c) => c.name.length));
  const lines = loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `waymark ${WAYMARK_VERSION}: the victim-identification workbench, on the command line`,
    '',
    'Usage: npm run -s waymark -- <command> [options]',
    '',
    'Commands:',
    ...(lines.length ? lines : ['  (none yet)']),
    '',
    'Options:',
    "  --help, -h     show this help (or a command's help: waymark <command> --help)",
    '  --version, -v  print the version',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(await help());
    return first === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${WAYMARK_VERSION}\n`);
    return ExitCode.ok;
  }
  const entry = commands.find((c) => c.name === first);
  if (!entry) {
    io.stderr.write(`waymark: unknown command "${first}". Run with --help to list the commands.\n`);
    return ExitCode.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage.trimEnd()}\n`);
    return ExitCode.ok;
  }
  return command.run(rest, io);
}

// A reader that stops early (`waymark hash … | head`) closes the pipe: stop quietly, as Unix tools do,
// instead of crashing on EPIPE. Worker processes follow when their channel closes.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
process.exitCode = await runCli(process.argv.slice(2), io);
