import { useEffect, useState } from 'react';

import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';

/**
 * Object URLs for the thumbnails of the ids on screen, read from their own table when a row mounts
 * and revoked when it unmounts (scrolled away), so 100,000 thumbnails never sit in memory at once.
 */
export function useThumbnailUrls(db: WaymarkDatabase, ids: readonly MediaId[]): ReadonlyMap<MediaId, string> {
  const [urls, setUrls] = useState<ReadonlyMap<MediaId, string>>(new Map());
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    const made: string[] = [];
    void db.thumbnails.bulkGet([...ids]).then((records) => {
      if (!live) return;
      const next = new Map<MediaId, string>();
      for (const record of records) {
        if (!record) continue;
        const url = URL.createObjectURL(record.blob);
        made.push(url);
        next.set(record.id, url);
      }
      setUrls(next);
    });
    return () => {
      live = false;
      for (const url of made) URL.revokeObjectURL(url);
    };
    // The joined key stands for the id list: a new array with the same ids must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);
  return urls;
}
