import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import { listSeries } from '../../db/series.repository';
import { seriesTitle } from '../../i18n/domain-keys';
import { useT } from '../../i18n/use-t';
import { fileNameOf } from './sync-text';

/** Shown names of a case's series by id ("Series 3" until named), for notices and lead conflicts. */
export function useSeriesNames(db: WaymarkDatabase, caseId: CaseId): ReadonlyMap<string, string> {
  const t = useT();
  const series = useLiveQuery(() => listSeries(db, caseId), [db, caseId]);
  return useMemo(() => new Map((series ?? []).map((s) => [s.id, seriesTitle(t, s)])), [series, t]);
}

/** One file name per image (the first path in order), so a conflict names the image it is about. */
export function useFileNames(db: WaymarkDatabase, mediaIds: readonly string[]): ReadonlyMap<string, string> {
  const key = mediaIds.join('\n');
  const files = useLiveQuery(
    () => (key ? db.files.where('mediaId').anyOf(key.split('\n')).toArray() : []),
    [db, key],
  );
  return useMemo(() => {
    const names = new Map<string, string>();
    const sorted = [...(files ?? [])].sort((a, b) => a.path.localeCompare(b.path));
    for (const f of sorted) if (!names.has(f.mediaId)) names.set(f.mediaId, fileNameOf(f.path));
    return names;
  }, [files]);
}
