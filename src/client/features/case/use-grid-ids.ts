import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { gridCounts, narrowGridIds, readOrderedIds, type GridFilter } from '../../db/media.repository';

/**
 * The grid's ids under the filter, kept up to date. The live part is cheap: index counts (see
 * gridCounts), re-read by Dexie on writes; the ids themselves (100,000 keys) are read outside the live
 * query whenever those counts change, since a live query would track every key it returned. The
 * case's ordered list is kept while the case's media count holds, so changing only the filter (the
 * known-material panel hides known images right after opening) narrows it without reading it again.
 * undefined until the first list is read.
 */
export function useGridIds(
  db: WaymarkDatabase,
  caseId: CaseId,
  filter: GridFilter,
): readonly MediaId[] | undefined {
  const filterKey = JSON.stringify(filter);
  const counts = useLiveQuery(() => gridCounts(db, caseId, filter), [db, caseId, filterKey]);
  const countsKey = counts ? `${filterKey}:${counts.join(',')}` : undefined;
  const ordered = useRef<{ caseId: CaseId; total: number; ids: Promise<MediaId[]> } | undefined>(undefined);
  const [result, setResult] = useState<{ caseId: CaseId; ids: readonly MediaId[] }>();

  useEffect(() => {
    if (counts === undefined) return;
    const total = counts[0] ?? 0;
    const held = ordered.current;
    if (!held || held.caseId !== caseId || held.total !== total)
      ordered.current = { caseId, total, ids: readOrderedIds(db, caseId) };
    const base = ordered.current!.ids;
    let live = true;
    void base
      .then((all) => narrowGridIds(db, caseId, JSON.parse(filterKey) as GridFilter, all))
      .then(
        (ids) => {
          if (live) setResult({ caseId, ids });
        },
        (error: unknown) => {
          // A failed read is not kept: the next change of counts reads again.
          if (ordered.current?.ids === base) ordered.current = undefined;
          console.error(error);
        },
      );
    return () => {
      live = false;
    };
    // countsKey stands for counts and the filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, caseId, countsKey]);

  return result?.caseId === caseId ? result.ids : undefined;
}
