import type { WaymarkDatabase } from '../db/database';

/**
 * A series' `size` is a local count of its local media rows (entity-rules: local-only), so after
 * applying membership changes the affected series are recounted from the [caseId+seriesId] index.
 * Runs inside the caller's applying transaction.
 */
export async function recountSeries(
  db: WaymarkDatabase,
  caseId: string,
  seriesIds: readonly string[],
): Promise<void> {
  const records = await db.series.bulkGet(seriesIds as never[]);
  for (const series of records) {
    if (!series) continue;
    const size = await db.media.where('[caseId+seriesId]').equals([caseId, series.id]).count();
    if (size !== series.size) await db.series.update(series.id, { size });
  }
}
