import { ExitCode, type CliCommand } from '../command';
import { readJobs, readSecondsPerHash } from './hashing-options';
import { hashFiles, type HashedFile } from '../hashing/hash-files';
import { walkFiles } from '../hashing/walk';
import { videoJsonLine, videoTextLine } from '../video/video-lines';
import { isVideoSignature } from '../../domain/video/video-signature';
import { DEFAULT_SECONDS_PER_HASH } from '../../domain/video/vpdq-feature';
import { hashProblemEnglish } from '../hashing/hash-problem-english';

const usage = `Usage: npm run -s waymark -- hash [--json] [--jobs N] [--seconds-per-hash S] PATH...

Hashes files and folders (recursively, every file whatever its extension, in sorted order):
MD5, SHA-1, SHA-256 of the bytes, and PDQ (full resolution, pixels as stored) with its quality
(0-100; below 50 the hash is not reliable) and its 8 dihedral hashes (rotations and mirrors).
Videos (MP4, QuickTime, WebM, Matroska, AVI, MPEG, …, told from their bytes) get vPDQ: the PDQ
of sampled frames, decoded with ffmpeg from PATH (without it, videos get an error line and images
are still hashed).

  --json     one JSON object per line:
             {"path","bytes","md5","sha1","sha256","pdq","pdqQuality","pdqDihedral":[8],"width","height"}
             or, for a file that cannot be hashed, {"path",...,"error":{"reason","problem","message"}}
             (reason: empty, undecodable, too-large, unsupported, unreadable; problem: the exact
             code, e.g. not-media, corrupt-image, svg-refused; the crypto hashes are kept when the
             bytes could be read)
             a video: {"path","kind":"video","bytes","md5","sha1","sha256","width","height",
             "durationMs","fps","codec","secondsPerHash","keyFrames":[frame numbers],
             "vpdq":[{"frame","quality","pdq","timestamp"}],"pictureVpdq"?,"incomplete"?}
             (frame numbers count every decoded frame from 0, timestamps in seconds, as the
             vPDQ reference writes them; "pictureVpdq": for frames with uniform bars, the PDQ
             of the picture inside them (for matching stills); "incomplete" says why a damaged
             file's hashes stop early;
             reason no-video-track for a file with no picture)
  --jobs N   worker processes (default: one per core)
  --seconds-per-hash S
             vPDQ sampling: one frame every S seconds (default ${DEFAULT_SECONDS_PER_HASH}; 0 = every frame)

Exit status 0 when every file was answered, even with per-file errors.
`;

function jsonLine({ path, signature: s }: HashedFile): string {
  if (isVideoSignature(s)) return videoJsonLine(path, s);
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
  return JSON.stringify({
    path,
    ...crypto,
    error: { reason: s.reason, problem: s.problem.code, message: hashProblemEnglish(s) },
  });
}

function textLine({ path, signature: s }: HashedFile): string {
  if (isVideoSignature(s)) return videoTextLine(path, s);
  return s.ok
    ? `${s.pdq}  q${String(s.pdqQuality).padStart(3)}  ${`${s.width}x${s.height}`.padEnd(11)}  ${s.md5}  ${path}`
    : `error ${s.reason}: ${hashProblemEnglish(s)}  ${path}`;
}

export const hashCommand: CliCommand = {
  name: 'hash',
  summary: 'MD5/SHA-1/SHA-256 and PDQ (+ dihedral) of files and folders',
  usage,
  async run(args, io) {
    let json = false;
    let jobs: number | undefined;
    let secondsPerHash: number | undefined;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--jobs' || arg === '-j') {
        const parsed = readJobs('hash', args[++i], io);
        if (parsed === null) return ExitCode.usage;
        jobs = parsed;
      } else if (arg === '--seconds-per-hash') {
        const parsed = readSecondsPerHash('hash', args[++i], io);
        if (parsed === null) return ExitCode.usage;
        secondsPerHash = parsed;
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
    const options = {
      ...(jobs === undefined ? {} : { concurrency: jobs }),
      ...(secondsPerHash === undefined ? {} : { file: { secondsPerHash } }),
    };
    for await (const result of hashFiles(walkFiles(paths), options)) io.stdout.write(`${format(result)}\n`);
    return ExitCode.ok;
  },
};
