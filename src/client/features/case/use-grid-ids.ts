import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import {
  narrowGridIds,
  queryOrderedIds,
  watchGridFilter,
  watchOrderedIds,
  type GridFilter,
} from '../../db/media.repository';

interface GridIds {
  /** Every media of the case (the header's count). */
  readonly total: number;
  /** The ids under the filter, in grid order. */
  readonly ids: readonly MediaId[];
}

/**
 * The case's ids, all and under the filter, kept live. A Dexie live query over the 100,000 ids
 * themselves makes Dexie track every result key (over a second of main thread at open, again on each
 * change), so live queries only watch the index ranges the ids come from, and each run of a watch
 * triggers a plain read: of all ids when the case's media change, of the filter's keys only when
 * the filter or what it selects changes. Undefined until the first read; the previous ids stay
 * shown while a newer read is on its way.
 */
export function useGridIds(db: WaymarkDatabase, caseId: CaseId, filter: GridFilter): GridIds | undefined {
  const filterKey = JSON.stringify(filter);
  // A fresh object per run: every run of a watch is a possible change, even with equal results.
  const mediaChanged = useLiveQuery(() => watchOrderedIds(db, caseId).then(() => ({})), [db, caseId]);
  const filterChanged = useLiveQuery(
    () => watchGridFilter(db, caseId, filter).then(() => ({})),
    // The serialized filter stands for the filter object.
    [db, caseId, filterKey],
  );

  const [ordered, setOrdered] = useState<MediaId[]>();
  useEffect(() => {
    if (mediaChanged === undefined) return;
    let live = true;
    void queryOrderedIds(db, caseId).then((next) => {
      if (live) setOrdered(next);
    });
    return () => {
      live = false;
    };
    // A new `mediaChanged` is what asks for a read; db and caseId come with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mediaChanged]);

  const [result, setResult] = useState<GridIds>();
  useEffect(() => {
    if (ordered === undefined || filterChanged === undefined) return;
    let live = true;
    void narrowGridIds(db, caseId, ordered, filter).then((ids) => {
      if (live) setResult({ total: ordered.length, ids });
    });
    return () => {
      live = false;
    };
    // New ids or a new `filterChanged` ask for a read; db, caseId and filter come with them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ordered, filterChanged]);
  return result;
}
