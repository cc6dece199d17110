import { useLiveQuery } from 'dexie-react-hooks';

import { getCategoryScheme } from '../../../domain/case/category-schemes';
import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import { listCameras, type GridFilter } from '../../db/media.repository';
import { countUnsorted, listSeries } from '../../db/series.repository';
import { useGridIds } from './use-grid-ids';

/** The live data the workspace shows: counts, grid ids under the filter, series, cameras. */
export function useCaseWorkspace(
  db: WaymarkDatabase,
  caseId: CaseId,
  filter: GridFilter,
  scheme: string | undefined,
) {
  // The count comes with the ids: counting 100,000 index entries costs the database about as much
  // as reading them, and the grid reads them anyway.
  const grid = useGridIds(db, caseId, filter);
  const series = useLiveQuery(() => listSeries(db, caseId), [db, caseId]);
  const unsorted = useLiveQuery(() => countUnsorted(db, caseId), [db, caseId]);
  const cameras = useLiveQuery(() => listCameras(db, caseId), [db, caseId]);
  return {
    count: grid?.total,
    ids: grid?.ids,
    series: series ?? [],
    unsorted: unsorted ?? 0,
    cameras: cameras ?? [],
    scheme: getCategoryScheme(scheme),
  };
}
