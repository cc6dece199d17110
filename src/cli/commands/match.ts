import type { FileSignature } from '../../domain/hashing/file-signature';
import type { HashList, HashListEntry } from '../../domain/hashlists/hash-list';
import { DEFAULT_PDQ_THRESHOLD, HashListMatcher, type MatchOutcome } from '../../domain/hashlists/matcher';
import { parseIssueEnglish } from '../matching/list-problem-english';
import { MultiIndexHashIndex } from '../../domain/index/mih-index';
import { ExitCode, type CliCommand } from '../command';
import { hashFiles } from '../hashing/hash-files';
import { walkFiles } from '../hashing/walk';
import { loadListFile } from '../matching/load-list';
import { isVpdqListPath, loadVpdqList } from '../video/load-vpdq-list';
import {
  matchStillInVideos,
  matchVideo,
  videoMatchJson,
  videoMatchText,
  type VpdqListRef,
} from '../video/video-match';
import { VpdqListMatcher } from '../../domain/video/vpdq-list-matcher';
import { isVideoSignature, type MediaSignature } from '../../domain/video/video-signature';
import { basename } from 'node:path';
import { hashProblemEnglish } from '../hashing/hash-problem-english';

const usage = `Usage: npm run -s waymark -- match --list FILE [--list FILE...] [--threshold N] [--json] [--jobs N] PATH...

Matches files and folders (recursively) against known-material hash lists: MD5, SHA-1 and SHA-256
exactly, PDQ within a Hamming distance (all 8 rotations and mirrors of each file are tried). Only
hashes are compared; nothing is sent anywhere.

  --list FILE    a hash list; the format is told from the content:
                 VICS 1.x / 2.0 JSON (hash set or case), CSV with a header naming its columns
                 (md5, sha1, sha256, pdq, quality, category, series, label), or a PDQ list
                 (hex[,quality][,label] per line, as ThreatExchange / HMA write them), or a
                 vPDQ list of known videos: a hash file in the vPDQ reference format
                 (frame,quality,pdqHex,timestamp per line), a folder or a ZIP of them (the
                 file name names the entry)
  --threshold N  PDQ match distance, 0-256 (default ${DEFAULT_PDQ_THRESHOLD})
  --json         one JSON object per file:
                 {"path","matches":[{"list","entry","kind","distance"}]}
                 list: the list's file name; entry: the entry's 1-based position in that file;
                 kind: md5, sha1, sha256 or pdq; distance: 0 for exact, bits for PDQ; plus
                 "category" when the list gives one, and "error" when the file could not be
                 decoded as an image (its MD5/SHA-1/SHA-256 are still matched)
                 A video (vPDQ, see waymark hash): "kind":"video"; PDQ matches of its frames
                 carry "frame" and "timestamp"; vPDQ matches ("kind":"vpdq", "entry": the
                 entry's name) carry "queryPercent", "comparedPercent" and the matched
                 "frames" (videos match when either share is at least 80%); a still image
                 near a frame of a listed video gets a "vpdq" match with that frame
  --jobs N       worker processes for hashing (default: one per core)

A PDQ match where the file's or the entry's PDQ quality is under 50 (near-blank images, which
collide easily) carries "lowQuality": true: check it by eye before acting on it.
Exit status 0 when every file was answered (matched or not); 1 when a list could not be loaded.
`;

interface MatchArgs {
  readonly lists: string[];
  readonly threshold: number;
  readonly json: boolean;
  readonly jobs?: number;
  readonly paths: string[];
}

function parseArgs(args: readonly string[]): MatchArgs | string {
  const lists: string[] = [];
  const paths: string[] = [];
  let threshold = DEFAULT_PDQ_THRESHOLD;
  let json = false;
  let jobs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--list' || arg === '-l') {
      const file = args[++i];
      if (file === undefined) return '--list needs a file.';
      lists.push(file);
    } else if (arg === '--threshold' || arg === '-t') {
      threshold = Number(args[++i]);
      if (!Number.isInteger(threshold) || threshold < 0 || threshold > 256)
        return '--threshold needs a whole number from 0 to 256.';
    } else if (arg === '--jobs' || arg === '-j') {
      jobs = Number(args[++i]);
      if (!Number.isInteger(jobs) || jobs < 1) return '--jobs needs a whole number of at least 1.';
    } else if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
    else paths.push(arg);
  }
  if (lists.length === 0) return 'give at least one --list FILE.';
  if (paths.length === 0) return 'give at least one file or folder to match.';
  return { lists, threshold, json, paths, ...(jobs !== undefined ? { jobs } : {}) };
}

type StillInVideos = ReturnType<typeof matchStillInVideos>;

function jsonLine(
  path: string,
  signature: FileSignature,
  outcome: MatchOutcome,
  inVideos: StillInVideos,
): string {
  const matches: Record<string, unknown>[] = outcome.matches.map((m) => ({
    list: m.listName,
    entry: m.ordinal,
    kind: m.kind,
    distance: m.distance,
    ...(m.lowQuality ? { lowQuality: true } : {}),
    ...(m.category !== undefined && m.category !== null ? { category: m.category } : {}),
  }));
  for (const v of inVideos)
    matches.push({
      list: v.list,
      entry: v.id,
      kind: 'vpdq',
      distance: v.distance,
      frame: v.frame,
      timestamp: v.timestamp,
    });
  const error = signature.ok
    ? {}
    : {
        error: {
          reason: signature.reason,
          problem: signature.problem.code,
          message: hashProblemEnglish(signature),
        },
      };
  return JSON.stringify({ path, matches, ...error });
}

function textLine(
  path: string,
  signature: FileSignature,
  outcome: MatchOutcome,
  inVideos: StillInVideos,
): string {
  const found = outcome.matches.map(
    (m) =>
      `${m.listName}#${m.ordinal} ${m.kind}${m.kind === 'pdq' ? ` d=${m.distance}` : ''}${m.lowQuality ? ' (low quality)' : ''}`,
  );
  for (const v of inVideos)
    found.push(`${v.list}:${v.id} vpdq d=${v.distance} at ${v.timestamp.toFixed(1)} s`);
  const note = signature.ok ? '' : ` (exact hashes only: ${hashProblemEnglish(signature)})`;
  return `${found.length ? `match  ${found.join(', ')}` : 'none  '}  ${path}${note}`;
}

export const matchCommand: CliCommand = {
  name: 'match',
  summary: 'match files against hash lists (VICS, CSV, PDQ): exact and PDQ',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.stderr.write(`waymark match: ${parsed}\n${usage}`);
      return ExitCode.usage;
    }
    const lists: HashList[] = [];
    const entries: HashListEntry[] = [];
    const vpdqLists: VpdqListRef[] = [];
    for (const [i, file] of parsed.lists.entries()) {
      if (await isVpdqListPath(file).catch(() => false)) {
        const list = await loadVpdqList(file);
        for (const p of list.problems.slice(0, 20))
          io.stderr.write(
            `waymark match: ${file}: ${p.file}: ${parseIssueEnglish(p.fatal)}; file not loaded\n`,
          );
        if (list.entries.length === 0) {
          io.stderr.write(`waymark match: ${file}: no vPDQ hash file could be read; list not loaded\n`);
          return ExitCode.failed;
        }
        const matcher = new VpdqListMatcher(list.entries.map((e) => ({ id: e.name, features: e.features })));
        vpdqLists.push({ name: basename(file), matcher });
        continue;
      }
      const loaded = await loadListFile(file, `list-${i + 1}`);
      if (!loaded.ok) {
        io.stderr.write(`waymark match: ${loaded.problem}\n`);
        return ExitCode.failed;
      }
      lists.push(loaded.list);
      for (const e of loaded.entries) entries.push(e);
      if (loaded.warningCount) {
        const first = loaded.warnings[0]!;
        io.stderr.write(
          `waymark match: ${loaded.list.name}: ${loaded.warningCount} problem(s) in skipped entries or fields; first at ${parseIssueEnglish(first)}\n`,
        );
      }
    }
    const matcher = new HashListMatcher(lists, entries, {
      pdqThreshold: parsed.threshold,
      createIndex: () => new MultiIndexHashIndex<number>(),
    });
    const format = parsed.json ? jsonLine : textLine;
    const options = parsed.jobs === undefined ? {} : { concurrency: parsed.jobs };
    for await (const { path, signature } of hashFiles(walkFiles(parsed.paths), options)) {
      if (isVideoSignature(signature)) {
        const outcome = matchVideo(signature, matcher, vpdqLists);
        io.stdout.write(
          `${parsed.json ? videoMatchJson(path, signature, outcome) : videoMatchText(path, outcome)}\n`,
        );
        continue;
      }
      const still: MediaSignature = signature;
      io.stdout.write(
        `${format(path, signature, matcher.match(signature), matchStillInVideos(still, vpdqLists))}\n`,
      );
    }
    return ExitCode.ok;
  },
};
