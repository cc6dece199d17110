import { useLiveQuery } from 'dexie-react-hooks';

import { getCategoryScheme } from '../../../domain/case/category-schemes';
import type { CaseId } from '../../../domain/case/ids';
import { countMedia } from '../../db/cases.repository';
import type { WaymarkDatabase } from '../../db/database';
import { listCameras, queryGridIds, type GridFilter } from '../../db/media.repository';
import { countUnsorted, listSeries } from '../../db/series.repository';

/** The live data the workspace shows: counts, grid ids under the filter, series, cameras. */
export function useCaseWorkspace(
  db: WaymarkDatabase,
  caseId: CaseId,
  filter: GridFilter,
  scheme: string | undefined,
) {
  const count = useLiveQuery(() => countMedia(db, caseId), [db, caseId]);
  const ids = useLiveQuery(() => queryGridIds(db, caseId, filter), [db, caseId, JSON.stringify(filter)]);
  const series = useLiveQuery(() => listSeries(db, caseId), [db, caseId]);
  const unsorted = useLiveQuery(() => countUnsorted(db, caseId), [db, caseId]);
  const cameras = useLiveQuery(() => listCameras(db, caseId), [db, caseId]);
  return {
    count,
    ids,
    series: series ?? [],
    unsorted: unsorted ?? 0,
    cameras: cameras ?? [],
    scheme: getCategoryScheme(scheme),
  };
}
