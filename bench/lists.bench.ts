// `npm run bench:lists`: imports 100,000-entry hash lists (VICS 2.0 case file, VICS hash set, CSV,
// PDQ) the way the CLI does (a file stream through the streaming parsers), builds the matcher, and
// matches. Prints entries/s, MB/s, peak heap, and JSON.parse of the whole VICS text for scale.
// Figures depend on the machine and its load: read them as orders of magnitude and ratios.
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { pdqWordsToHex } from '../src/domain/hashing/pdq-hex';
import type { HashList, HashListEntry } from '../src/domain/hashlists/hash-list';
import { importListText } from '../src/domain/hashlists/list-import';
import { HashListMatcher } from '../src/domain/hashlists/matcher';
import { signatureCsvChunks } from '../src/domain/hashlists/signature-csv.writer';
import { MultiIndexHashIndex } from '../src/domain/index/mih-index';
import {
  vicsCaseChunks,
  vicsHashSetChunks,
  VicsSegment,
  type VicsExportMedia,
} from '../src/domain/vics/vics-writer';

const N = Number(process.env.BENCH_LIST_ENTRIES ?? 100_000);
// A collectable heap makes the memory figures mean something (the npm script has no --expose-gc).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => process.memoryUsage().heapUsed;
const dir = mkdtempSync(join(tmpdir(), 'waymark-lists-bench-'));

// Deterministic pseudo-random hex (xorshift), so runs are comparable.
let seed = 0x9e3779b9;
function word(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
const hex = (words: number) => {
  let s = '';
  for (let i = 0; i < words; i++) s += word().toString(16).padStart(8, '0');
  return s;
};
const pdq = () => pdqWordsToHex(Uint32Array.from({ length: 8 }, word));

function* media(): Generator<VicsExportMedia> {
  for (let i = 0; i < N; i++)
    yield {
      md5: hex(4),
      sha1: hex(5),
      pdq: pdq(),
      category: i % 5,
      series: i % 7 === 0 ? `Series ${i % 300}` : undefined,
      isPrecategorized: true,
      precategorizationSource: 'Bench list',
      mediaSize: 100_000 + (i % 5000),
      dateUpdated: '2026-11-28T00:00:00.000Z',
      files: [{ fileName: `IMG_${i}.jpg`, filePath: `D:\\export\\set ${i % 100}\\IMG_${i}.jpg` }],
      exif: i % 3 === 0 ? [{ name: 'Make', value: 'Example Optics' }] : [],
    };
}

function writeChunks(path: string, chunks: Iterable<string>): number {
  writeFileSync(path, [...chunks].join(''));
  return statSync(path).size;
}

const caseRecords = [...media()];
const files = {
  'VICS 2.0 case file': join(dir, 'case.json'),
  'VICS 2.0 hash set': join(dir, 'hashset.json'),
  'CSV signature list': join(dir, 'list.csv'),
  'PDQ list': join(dir, 'list.pdq'),
};
const sizes: Record<string, number> = {
  'VICS 2.0 case file': writeChunks(
    files['VICS 2.0 case file'],
    vicsCaseChunks({
      caseId: 'bench',
      segment: VicsSegment.us,
      sourceApplicationName: 'Waymark bench',
      sourceApplicationVersion: '0',
      media: caseRecords,
    }),
  ),
  'VICS 2.0 hash set': writeChunks(
    files['VICS 2.0 hash set'],
    vicsHashSetChunks(caseRecords, { segment: VicsSegment.us }),
  ),
  'CSV signature list': writeChunks(files['CSV signature list'], signatureCsvChunks(caseRecords)),
  'PDQ list': writeChunks(
    files['PDQ list'],
    (function* () {
      for (const m of caseRecords) yield `${m.pdq},${80 + (m.category ?? 0)},label\n`;
    })(),
  ),
};

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
console.log(
  `waymark bench:lists: ${N.toLocaleString('en')} entries per list (machine shared with other jobs)\n`,
);

// One function per list, so each list's entries and matcher are garbage once it returns.
async function benchList(name: string, path: string): Promise<void> {
  gc();
  const heapBefore = heap();
  let peakHeap = heapBefore;
  let chunks = 0;
  const t0 = performance.now();
  const result = await importListText(
    createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>,
    {
      onProgress: () => {
        chunks++;
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      },
    },
  );
  const t1 = performance.now();
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.fatal)}`);
  const list: HashList = {
    id: 'l',
    name,
    source: path,
    format: result.format,
    schemeId: result.schemeId,
    kind: 'known',
    enabled: true,
    count: result.entries.length,
    importedAt: new Date().toISOString(),
  };
  const entries: HashListEntry[] = result.entries.map((e) => ({
    ...e,
    id: String(e.ordinal),
    listId: 'l',
    enabled: true,
  }));
  const t2 = performance.now();
  const matcher = new HashListMatcher([list], entries, {
    createIndex: () => new MultiIndexHashIndex<number>(N),
  });
  const t3 = performance.now();
  peakHeap = Math.max(peakHeap, heap());
  gc();
  const retained = heap() - heapBefore;
  // 1,000 queries: a listed item (exact and PDQ hit) and a stranger, each with 8 dihedral hashes.
  let hits = 0;
  const t4 = performance.now();
  for (let q = 0; q < 500; q++) {
    const known = caseRecords[(q * 197) % N]!;
    const hashesOf = (p: string) => [p, ...Array.from({ length: 7 }, pdq)];
    hits += matcher.match({
      md5: known.md5,
      pdq: known.pdq,
      pdqQuality: 90,
      pdqDihedral: hashesOf(known.pdq!),
    }).matches.length;
    const p = pdq();
    hits += matcher.match({ md5: hex(4), pdq: p, pdqQuality: 90, pdqDihedral: hashesOf(p) }).matches.length;
  }
  const t5 = performance.now();
  const secs = (t1 - t0) / 1000;
  console.log(
    `${name.padEnd(20)} ${mb(sizes[name]!).padStart(6)} MB  parse ${secs.toFixed(2)} s = ${Math.round(result.entries.length / secs).toLocaleString('en')} entries/s, ${(sizes[name]! / 1048576 / secs).toFixed(1)} MB/s  (${chunks} chunks, ${result.warningCount} warnings)`,
  );
  console.log(
    `${''.padEnd(20)}            matcher build ${((t3 - t2) / 1000).toFixed(2)} s (${matcher.stats.pdq.toLocaleString('en')} PDQ, ${matcher.stats.md5.toLocaleString('en')} MD5); 1,000 queries x 8 dihedral ${(t5 - t4).toFixed(0)} ms (${hits} hits); heap: peak +${mb(peakHeap - heapBefore)} MB (sampled per chunk), entries + matcher retained ${mb(retained)} MB`,
  );
}

for (const [name, path] of Object.entries(files)) await benchList(name, path);

// For scale: the same case file read whole and JSON.parse'd at once (what the stream avoids).
{
  gc();
  const heapBefore = heap();
  const t0 = performance.now();
  const text = readFileSync(files['VICS 2.0 case file'], 'utf8');
  const parsed = JSON.parse(text) as { value: { Media: unknown[] }[] };
  const t1 = performance.now();
  gc();
  const heapAfter = heap();
  console.log(
    `\nJSON.parse of the whole case file: ${((t1 - t0) / 1000).toFixed(2)} s, ${parsed.value[0]!.Media.length.toLocaleString('en')} media, text + tree ${mb(heapAfter - heapBefore)} MB held at once, and no progress to report (${text.length > 0 ? 'one blocking call' : ''})`,
  );
}

rmSync(dir, { recursive: true, force: true });
