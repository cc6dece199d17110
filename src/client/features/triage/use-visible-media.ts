import { liveQuery } from 'dexie';
import { useEffect, useState, useSyncExternalStore } from 'react';

import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { readGridCells } from '../../db/media.repository';
import { GridCellCache } from './grid-cells';

/** How long the window must stay put before it is watched live (scrolling never waits for it). */
const SETTLE_MS = 150;

/**
 * The cells on screen, from a cache shared by every row (see GridCellCache). While scrolling, only ids
 * that scrolled in are read, plus `ahead` (the next window, read before it is needed). Once the window
 * settles it is watched with a live query, so writes (a category key, thumbnails of an ingest still
 * running) reach the cells shown; a live query per scroll frame would cost a subscription per frame.
 * Returns the cache and its version (which changes whenever a cell does).
 */
export function useVisibleMedia(db: WaymarkDatabase, ids: readonly MediaId[], ahead: readonly MediaId[]) {
  const [cache] = useState(() => new GridCellCache(db));
  const version = useSyncExternalStore(cache.subscribe, cache.getVersion);
  const key = ids.join(',');
  const aheadKey = ahead.join(',');

  useEffect(() => () => cache.clear(), [cache]);

  useEffect(() => {
    cache.show(ids);
    // The joined key stands for the id list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, key]);

  useEffect(() => {
    cache.load(ahead);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, aheadKey]);

  useEffect(() => {
    if (ids.length === 0) return;
    let subscription: { unsubscribe(): void } | undefined;
    const timer = setTimeout(() => {
      subscription = liveQuery(() => readGridCells(db, ids)).subscribe({
        next: (rows) => cache.refresh(rows),
        error: (error: unknown) => console.error(error),
      });
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      subscription?.unsubscribe();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, cache, key]);

  return { cache, version };
}
