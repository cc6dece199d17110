import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import { decideWrite } from '../../../domain/sync/decide-write';
import { videoSeriesLinkId } from '../../../domain/video/video-series-links';
import type { Repositories } from '../../repositories/unit-of-work';
import type { SyncWriter } from './sync-writer';

/**
 * A video or a series deleted takes the links that name it (videoSeriesLinks) with it: the server
 * deletes each, a change every member pulls like a pushed delete. The browser that deletes a series
 * deletes its links too (client/db/series.repository.ts), but a link a colleague's placement pushed
 * before that delete reached it would outlive what it names (a link's references are checked only
 * when it is written), and a video's delete comes with no link deletes at all.
 *
 * Invariant: after a push, no live link names a deleted video or series.
 */
export async function dropVideoLinks(
  repos: Repositories,
  writer: SyncWriter,
  caseId: string,
  named: { entity: 'media' | 'series'; id: string },
): Promise<void> {
  // The writer holds this push's writes until flushed; the queries below read the stored rows.
  await writer.flush();
  const links =
    named.entity === 'series'
      ? await repos.syncEntities.listInSeries(caseId, 'videoSeriesLinks', named.id)
      : await repos.syncEntities.listByIdPrefix(caseId, 'videoSeriesLinks', videoSeriesLinkId(named.id, ''));
  for (const link of links) {
    const key = { caseId, entity: 'videoSeriesLinks' as const, id: link.id };
    const { current } = await writer.read(key);
    if (!current || current.deleted) continue;
    const outcome = decideWrite(
      SYNCED_RECORDS.videoSeriesLinks.rules,
      current,
      { op: 'delete' },
      { byServer: true },
    );
    if (outcome.kind === 'applied')
      await writer.write(key, outcome.next, { wasLive: true, changed: outcome.changed });
  }
}
