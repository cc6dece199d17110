import { useMemo, useRef, useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { MediaId, SeriesId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import {
  applySeriesUndo,
  createSeriesFrom,
  mergeSeries,
  moveToSeries,
  renameSeries,
  type SeriesUndo,
} from '../../db/series.repository';
import type { SeriesCommands } from './SeriesActions';

/** Series edits for one case, each pushed on an undo stack of exact inverses. */
export function useSeriesCommands(
  db: WaymarkDatabase,
  caseId: CaseId,
  onChanged: (focus?: SeriesId) => void,
): SeriesCommands {
  const stack = useRef<SeriesUndo[]>([]);
  const [depth, setDepth] = useState(0);
  return useMemo(() => {
    const record = async (work: Promise<SeriesUndo>, focus?: SeriesId) => {
      stack.current.push(await work);
      setDepth(stack.current.length);
      onChanged(focus);
    };
    return {
      rename: (id, name) => void record(renameSeries(db, id, name), id),
      merge: (from: SeriesId, into: SeriesId) => void record(mergeSeries(db, caseId, from, into), into),
      move: (ids: readonly MediaId[], into: SeriesId) => void record(moveToSeries(db, caseId, ids, into)),
      split: (ids: readonly MediaId[]) =>
        void createSeriesFrom(db, caseId, ids).then(({ seriesId, undo }) => {
          stack.current.push(undo);
          setDepth(stack.current.length);
          onChanged(seriesId);
        }),
      undo: () => {
        const undo = stack.current.pop();
        setDepth(stack.current.length);
        if (undo) void applySeriesUndo(db, caseId, undo).then(() => onChanged());
      },
      canUndo: depth > 0,
    };
  }, [db, caseId, onChanged, depth]);
}
