import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { MediaId } from '../../../domain/case/media';
import { WaymarkDatabase } from '../../db/database';
import { setCategories } from '../../db/media.repository';
import { mediaRecord } from '../../db/testing/records';
import { VisibleMediaLoader, type VisibleMedia } from './visible-media-loader';

let db: WaymarkDatabase;
let loader: VisibleMediaLoader;
afterEach(async () => {
  loader.close();
  await db.delete();
});

const media = (id: string) => mediaRecord('C', id, { firstPath: `set/${id}.png` });

/** A loader over media A-D (C without a thumbnail) and the queue of what it publishes. */
async function setUp() {
  db = new WaymarkDatabase(`visible-${Math.random()}`);
  await db.media.bulkAdd(['A', 'B', 'C', 'D'].map(media));
  await db.thumbnails.bulkAdd(
    ['A', 'B', 'D'].map((id) => ({ id: id as MediaId, blob: new Blob([id]), width: 1, height: 1 })),
  );
  const published: VisibleMedia[] = [];
  let waiting: (() => void) | undefined;
  loader = new VisibleMediaLoader(db, (visible) => {
    published.push(visible);
    waiting?.();
  });
  /** The next publication that satisfies `ok`. */
  const until = async (ok: (v: VisibleMedia) => boolean): Promise<VisibleMedia> => {
    for (;;) {
      const found = published.find(ok);
      if (found) return found;
      await new Promise<void>((resolve) => (waiting = resolve));
    }
  };
  return { published, until };
}

const ids = (...names: string[]) => names as MediaId[];

describe('VisibleMediaLoader', () => {
  it('publishes the records and thumbnail URLs of the wanted ids', async () => {
    const { until } = await setUp();
    loader.want(ids('A', 'B', 'C'));
    const shown = await until((v) => v.media.size === 3 && v.urls.size === 2);
    expect(shown.media.get('B' as MediaId)).toEqual({ category: null, firstPath: 'set/B.png' });
    expect([...shown.urls.keys()]).toEqual(['A', 'B']);
    expect(shown.urls.get('A' as MediaId)).toMatch(/^blob:/);
  });

  it('reads the visible records again when media change, so a new category shows', async () => {
    const { until, published } = await setUp();
    loader.want(ids('A', 'B'));
    await until((v) => v.media.size === 2);
    await setCategories(db, [{ id: 'B' as MediaId, category: 1 }]);
    published.length = 0;
    loader.mediaChanged();
    const shown = await until((v) => v.media.get('B' as MediaId)?.category === 1);
    expect(shown.media.get('A' as MediaId)?.category).toBeNull();
  });

  it('makes no thumbnail URL for a window passed through, and shows the one it stops on', async () => {
    const { until, published } = await setUp();
    loader.want(ids('A'));
    await until((v) => v.urls.size === 1);
    loader.want(ids('B'));
    loader.want(ids('D'));
    const settled = await until((v) => v.urls.has('D' as MediaId));
    expect(settled.media.has('D' as MediaId)).toBe(true);
    expect(published.some((v) => v.urls.has('B' as MediaId) || v.media.has('B' as MediaId))).toBe(false);
  });

  it('finds a thumbnail stored after it was first missing', async () => {
    const { until } = await setUp();
    loader.want(ids('C'));
    await until((v) => v.media.has('C' as MediaId));
    await db.thumbnails.add({ id: 'C' as MediaId, blob: new Blob(['C']), width: 1, height: 1 });
    loader.thumbnailsChanged();
    await until((v) => v.urls.has('C' as MediaId));
  });
});
