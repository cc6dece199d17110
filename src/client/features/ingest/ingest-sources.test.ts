import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { entriesFromFiles, entriesFromZip, type IngestEntry } from './ingest-sources';

async function collect(it: AsyncIterable<IngestEntry>): Promise<IngestEntry[]> {
  const out: IngestEntry[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('ingest sources', () => {
  it('streams a ZIP entry by entry, keeping the paths inside and dropping folders and litter', async () => {
    const zip = zipSync({
      'set/a.jpg': bytes(70_000, 1),
      'set/deep/b.png': [bytes(10, 2), { level: 0 }],
      '__MACOSX/set/._a.jpg': bytes(5, 3),
      'empty/': new Uint8Array(0),
    });
    const entries = await collect(
      entriesFromZip(new File([zip], 'seized.zip', { lastModified: 7 }), 'seized.zip'),
    );
    expect(entries.map((e) => [e.path, e.size, e.lastModified])).toEqual([
      ['seized.zip/set/a.jpg', 70_000, 7],
      ['seized.zip/set/deep/b.png', 10, 7],
    ]);
    expect(new Uint8Array(await entries[1]!.blob.arrayBuffer())).toEqual(bytes(10, 2));
  });

  it('passes files through as handles and expands archives among them', async () => {
    const plain = new File([bytes(3, 9)], 'one.jpg', { lastModified: 5 });
    const archive = new File([zipSync({ 'two.jpg': bytes(4, 8) })], 'more.zip');
    const entries = await collect(entriesFromFiles([plain, archive, new File([], '.DS_Store')]));
    expect(entries.map((e) => e.path)).toEqual(['one.jpg', 'more.zip/two.jpg']);
    expect(entries[0]!.blob).toBe(plain);
  });

  it('reports an unreadable archive by name', async () => {
    const broken = zipSync({ 'x.jpg': bytes(50_000, 1) });
    // Corrupt the deflate stream of the entry (after its 30-byte local header and 5-byte name).
    broken.fill(0xff, 40, 60);
    await expect(collect(entriesFromZip(new File([broken], 'bad.zip'), 'bad.zip'))).rejects.toThrow(
      /bad\.zip could not be read/,
    );
  });
});
