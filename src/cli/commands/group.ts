import { groupHashBatch } from '../../domain/grouping/hash-batch-grouping';
import { DEFAULT_THRESHOLD } from '../../domain/grouping/grouping-options';
import { ExitCode, type CliCommand } from '../command';
import { readJobs, readSecondsPerHash } from './hashing-options';
import { groupFiles } from '../grouping/group-files';
import { readHashLines } from '../grouping/hash-lines';
import { writeGroupsJson, writeGroupsText } from '../grouping/write-groups';

const usage = `Usage: npm run -s waymark -- group [--threshold N] [--json] [--jobs N] [--seconds-per-hash S] PATH...
       npm run -s waymark -- group [--threshold N] [--json] --hashes FILE.jsonl

Groups images into near-duplicate series. Every input ends up in exactly one group (alone if
nothing matches).

With PATHs: hashes the files (as \`waymark hash\`, folders recursively) and groups them on PDQ in all
8 orientations, plus the signatures that catch what PDQ misses: uniform borders and letterboxes
trimmed, the photo found inside a screenshot or a larger canvas, crops and small rotations
(region hashes, used only to confirm a match, never to chain series together).
With --hashes: groups precomputed hashes, one JSON object per line:
  {"id":"…","pdq":"<64 hex>","quality":0-100 (optional),"pdqDihedral":[8 hex] (optional)}
(\`waymark hash --json\` output works as is: "path" as the id, "pdqQuality" as the quality.)

  --threshold N  PDQ match distance, 0-128 (default ${DEFAULT_THRESHOLD})
  --json         {"groups":[[{"path":…},…],…]} (or {"id":…} with --hashes)
  --jobs N       worker threads for hashing (default: one per core)

Videos (vPDQ, as \`waymark hash\` makes them) join the group of the images their frames show and of
the videos they match; a video whose frames show images of several groups is listed in the group it
matches most and linked to the others ("links" in --json: {"path","groups":[0-based group numbers]}):
it never merges groups.
  --seconds-per-hash S  hash one video frame every S seconds (default 1; 0 = every frame). Denser
                 sampling costs hashing time but finds fast-moving footage cut at another moment.

Hashes with quality below 50 (near-blank images) are grouped only with exact copies.
Problems with single files or lines are reported on stderr; the rest is grouped.
`;

export const groupCommand: CliCommand = {
  name: 'group',
  summary: 'near-duplicate series from image files or precomputed PDQ hashes',
  usage,
  async run(args, io) {
    let json = false;
    let threshold = DEFAULT_THRESHOLD;
    let hashesFile: string | undefined;
    let jobs: number | undefined;
    let secondsPerHash: number | undefined;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--threshold' || arg === '-t') {
        threshold = Number(args[++i]);
        if (!Number.isInteger(threshold) || threshold < 0 || threshold > 128) {
          io.stderr.write('waymark group: --threshold needs a whole number from 0 to 128.\n');
          return ExitCode.usage;
        }
      } else if (arg === '--hashes') {
        hashesFile = args[++i];
        if (hashesFile === undefined) {
          io.stderr.write('waymark group: --hashes needs a file.\n');
          return ExitCode.usage;
        }
      } else if (arg === '--jobs' || arg === '-j') {
        const parsed = readJobs('group', args[++i], io);
        if (parsed === null) return ExitCode.usage;
        jobs = parsed;
      } else if (arg === '--seconds-per-hash') {
        const parsed = readSecondsPerHash('group', args[++i], io);
        if (parsed === null) return ExitCode.usage;
        secondsPerHash = parsed;
      } else if (arg === '--') {
        paths.push(...args.slice(i + 1));
        break;
      } else if (arg.startsWith('-') && arg !== '-') {
        io.stderr.write(`waymark group: unknown option ${arg}\n${usage}`);
        return ExitCode.usage;
      } else paths.push(arg);
    }
    if (hashesFile !== undefined && paths.length > 0) {
      io.stderr.write('waymark group: give either --hashes FILE or PATHs, not both.\n');
      return ExitCode.usage;
    }
    if (hashesFile === undefined && paths.length === 0) {
      io.stderr.write(`waymark group: give at least one file or folder, or --hashes FILE.\n${usage}`);
      return ExitCode.usage;
    }

    if (hashesFile !== undefined) {
      let lines;
      try {
        lines = await readHashLines(hashesFile);
      } catch (error) {
        io.stderr.write(
          `waymark group: cannot read ${hashesFile}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        return ExitCode.failed;
      }
      for (const p of lines.problems.slice(0, 50))
        io.stderr.write(`waymark group: ${hashesFile}:${p.line}: ${p.message}\n`);
      if (lines.problems.length > 50)
        io.stderr.write(`waymark group: … and ${lines.problems.length - 50} more problems\n`);
      const { count } = lines;
      // Lines without a usable hash get quality 0: grouped alone.
      const result = groupHashBatch(
        {
          count,
          words: lines.words,
          quality: lines.quality,
          ...(lines.variants.length ? { variants: lines.variants, hasVariants: lines.hasVariants } : {}),
        },
        { threshold },
      );
      const names = lines.ids.slice(0, count);
      if (json) await writeGroupsJson(io.stdout, 'id', names, result.labels, result.groupCount);
      else await writeGroupsText(io.stdout, names, result.labels, result.groupCount);
      return ExitCode.ok;
    }

    const grouped = await groupFiles(
      paths,
      {
        threshold,
        ...(jobs === undefined ? {} : { concurrency: jobs }),
        ...(secondsPerHash === undefined ? {} : { secondsPerHash }),
      },
      (path, message) => io.stderr.write(`waymark group: ${path}: ${message}\n`),
    );
    if (json)
      await writeGroupsJson(
        io.stdout,
        'path',
        grouped.paths,
        grouped.labels,
        grouped.groupCount,
        grouped.links,
      );
    else await writeGroupsText(io.stdout, grouped.paths, grouped.labels, grouped.groupCount, grouped.links);
    return ExitCode.ok;
  },
};
