import Dexie from 'dexie';
import { useEffect, useRef, useState } from 'react';

import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { VisibleMediaLoader, type VisibleMedia } from './visible-media-loader';

export type { CellData } from './visible-media-loader';

const NONE: VisibleMedia = { media: new Map(), urls: new Map() };

/**
 * Data for the cells on screen (records and thumbnail URLs), from one loader per grid that reads
 * the latest window whenever its previous read is done, and reads again when media or thumbnails
 * change anywhere (a category key, an ingest, a sync), so the grid updates at once.
 */
export function useVisibleMedia(db: WaymarkDatabase, ids: readonly MediaId[]): VisibleMedia {
  const [visible, setVisible] = useState(NONE);
  const loader = useRef<VisibleMediaLoader>(null);
  useEffect(() => {
    const created = new VisibleMediaLoader(db, setVisible);
    const media = `idb://${db.name}/media/`;
    const thumbnails = `idb://${db.name}/thumbnails/`;
    const onMutated = (parts: Record<string, unknown>) => {
      const names = Object.keys(parts);
      if (names.some((name) => name.startsWith(media))) created.mediaChanged();
      if (names.some((name) => name.startsWith(thumbnails))) created.thumbnailsChanged();
    };
    Dexie.on.storagemutated.subscribe(onMutated);
    loader.current = created;
    return () => {
      Dexie.on.storagemutated.unsubscribe(onMutated);
      created.close();
    };
  }, [db]);
  // The joined key stands for the id list (a new array every render).
  const key = ids.join(',');
  useEffect(() => {
    loader.current?.want(ids);
    // After the effect above when db changes, so a new loader is told the window too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);
  return visible;
}
