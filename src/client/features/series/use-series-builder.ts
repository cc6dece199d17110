import { useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import { RegroupScheduler } from './regroup-scheduler';

/** Series built from what arrives: hand `afterBatch` to the ingest. One scheduler per case screen. */
export function useSeriesBuilder(db: WaymarkDatabase, caseId: CaseId): RegroupScheduler {
  const [scheduler] = useState(() => RegroupScheduler.forCase(db, caseId));
  return scheduler;
}
