import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';

import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';

export interface CellData {
  readonly category: number | null;
  readonly firstPath: string;
}

const CACHE = 600;
const EMPTY: ReadonlyMap<MediaId, CellData> = new Map();

/**
 * Data for the cells on screen, read per visible window (one query for records, one for missing
 * thumbnails) rather than per row, so fast scrolling costs a couple of IndexedDB reads per frame.
 * Thumbnail object URLs live in a small LRU cache and are revoked when evicted or on unmount.
 */
export function useVisibleMedia(db: WaymarkDatabase, ids: readonly MediaId[]) {
  const key = ids.join(',');
  const media = useLiveQuery(
    async () => {
      const records = await db.media.bulkGet([...ids]);
      const map = new Map<MediaId, CellData>();
      for (const r of records) if (r) map.set(r.id, { category: r.category, firstPath: r.firstPath });
      return map;
    },
    // The joined key stands for the id list.
    [db, key],
  );

  const cache = useRef(new Map<MediaId, string>());
  const [snapshot, setSnapshot] = useState<ReadonlyMap<MediaId, string>>(new Map());
  useEffect(() => {
    let live = true;
    const urls = cache.current;
    const missing = ids.filter((id) => !urls.has(id));
    if (missing.length === 0) return;
    void db.thumbnails.bulkGet(missing).then((records) => {
      if (!live) return;
      for (const r of records) if (r) urls.set(r.id, URL.createObjectURL(r.blob));
      const keep = new Set(ids);
      for (const [id, url] of urls) {
        if (urls.size <= CACHE) break;
        if (keep.has(id)) continue;
        URL.revokeObjectURL(url);
        urls.delete(id);
      }
      setSnapshot(new Map(urls));
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);
  useEffect(() => {
    const urls = cache.current;
    return () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    };
  }, []);
  return { media: media ?? EMPTY, urls: snapshot };
}
