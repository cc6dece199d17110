import { useCallback, useState } from 'react';

import { DEFAULT_CATEGORY_SCHEME } from '../../../domain/case/category-schemes';
import type { BatchOutcome } from '../../db/ingest.repository';
import type { WaymarkDatabase } from '../../db/database';
import { matchNewMedia } from './case-matching';
import type { CaseRecord } from '../../db/records';

type AfterBatch = (outcome: BatchOutcome) => Promise<void> | void;

/**
 * Matching on ingest: wraps the workspace's after-batch step so each stored batch's new media are
 * matched before the next batch is written (the ingest's "Done" then means "matched" too). A matching
 * failure is reported here and never fails the ingest: the images are stored, and "Match against
 * lists" can be run again.
 */
export function useIngestMatching(db: WaymarkDatabase, record: CaseRecord) {
  // The thrown value itself: the panel words it (a full storage, an API code) in the analyst's language.
  const [error, setError] = useState<{ readonly cause: unknown } | null>(null);
  const scheme = record.categoryScheme ?? DEFAULT_CATEGORY_SCHEME;
  const chain = useCallback(
    (next?: AfterBatch): AfterBatch =>
      async (outcome) => {
        try {
          await matchNewMedia(db, record.id, scheme, outcome.created);
        } catch (cause) {
          setError({ cause });
        }
        await next?.(outcome);
      },
    [db, record.id, scheme],
  );
  return { chain, error };
}
