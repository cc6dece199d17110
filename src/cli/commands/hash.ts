import { ExitCode, type CliCommand } from '../command';
import { hashFiles, type HashedFile } from '../hashing/hash-files';
import { walkFiles } from '../hashing/walk';

const usage = `Usage: npm run -s waymark -- hash [--json] [--jobs N] PATH...

Hashes files and folders (recursively, every file whatever its extension, in sorted order):
MD5, SHA-1, SHA-256 of the bytes, and PDQ (full resolution, pixels as stored) with its quality
(0-100; below 50 the hash is not reliable) and its 8 dihedral hashes (rotations and mirrors).

  --json     one JSON object per line:
             {"path","bytes","md5","sha1","sha256","pdq","pdqQuality","pdqDihedral":[8],"width","height"}
             or, for a file that cannot be hashed, {"path",...,"error":{"reason","message"}}
             (reason: empty, undecodable, too-large, unsupported, unreadable; the crypto hashes
             are kept when the bytes could be read)
  --jobs N   worker processes (default: one per core)

Exit status 0 when every file was answered, even with per-file errors.
`;

function jsonLine({ path, signature: s }: HashedFile): string {
  if (s.ok)
    return JSON.stringify({
      path,
      bytes: s.bytes,
      md5: s.md5,
      sha1: s.sha1,
      sha256: s.sha256,
      pdq: s.pdq,
      pdqQuality: s.pdqQuality,
      pdqDihedral: s.pdqDihedral,
      width: s.width,
      height: s.height,
    });
  const crypto = s.md5 === undefined ? {} : { bytes: s.bytes, md5: s.md5, sha1: s.sha1, sha256: s.sha256 };
  return JSON.stringify({ path, ...crypto, error: { reason: s.reason, message: s.message } });
}

function textLine({ path, signature: s }: HashedFile): string {
  return s.ok
    ? `${s.pdq}  q${String(s.pdqQuality).padStart(3)}  ${`${s.width}x${s.height}`.padEnd(11)}  ${s.md5}  ${path}`
    : `error ${s.reason}: ${s.message}  ${path}`;
}

export const hashCommand: CliCommand = {
  name: 'hash',
  summary: 'MD5/SHA-1/SHA-256 and PDQ (+ dihedral) of files and folders',
  usage,
  async run(args, io) {
    let json = false;
    let jobs: number | undefined;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--jobs' || arg === '-j') {
        jobs = Number(args[++i]);
        if (!Number.isInteger(jobs) || jobs < 1) {
          io.stderr.write('waymark hash: --jobs needs a whole number of at least 1.\n');
          return ExitCode.usage;
        }
      } else if (arg === '--') {
        paths.push(...args.slice(i + 1));
        break;
      } else if (arg.startsWith('-') && arg !== '-') {
        io.stderr.write(`waymark hash: unknown option ${arg}\n${usage}`);
        return ExitCode.usage;
      } else paths.push(arg);
    }
    if (paths.length === 0) {
      io.stderr.write(`waymark hash: give at least one file or folder.\n${usage}`);
      return ExitCode.usage;
    }
    const format = json ? jsonLine : textLine;
    for await (const result of hashFiles(walkFiles(paths), jobs === undefined ? {} : { concurrency: jobs }))
      io.stdout.write(`${format(result)}\n`);
    return ExitCode.ok;
  },
};
