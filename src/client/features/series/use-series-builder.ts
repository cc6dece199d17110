import { useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import type { BatchOutcome } from '../../db/ingest.repository';
import { SeriesBuilder } from './series-builder';

/** Series built as files arrive: hand `afterBatch` to the ingest. One builder per case screen. */
export function useSeriesBuilder(db: WaymarkDatabase, caseId: CaseId) {
  const [builder] = useState(() => {
    const b = new SeriesBuilder(db, caseId);
    return { afterBatch: (outcome: BatchOutcome) => b.add(outcome.created, outcome.signals) };
  });
  return builder;
}
