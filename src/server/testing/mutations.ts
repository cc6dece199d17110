// Mutations as a browser pushes them, for server tests: records complete enough for the server's
// validation, so a test states only what it is about.
import { syncedMedia } from '../../contract/records/testing/synced-fixtures';
import type { SyncedEntity } from '../../contract/records/synced-records';
import type { NewMutation } from './sync-client';

export const putMutation = (
  caseId: string,
  entity: SyncedEntity,
  id: string,
  fields: Record<string, unknown>,
) => ({ caseId, entity, id, op: 'put', fields }) as NewMutation;

export const seriesPut = (caseId: string, id: string, name = 'Beach', number = 1) =>
  putMutation(caseId, 'series', id, {
    id,
    caseId,
    name,
    number,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });

/** A valid media record in `seriesId` with this MD5 (its SHA-1 made from it, so distinct too). */
export const mediaPut = (
  caseId: string,
  id: string,
  seriesId: string,
  md5: string,
  over: Record<string, unknown> = {},
) =>
  putMutation(caseId, 'media', id, {
    ...syncedMedia(caseId, id),
    md5,
    sha1: `${md5}ffffffff`,
    seriesId,
    category: null,
    ...over,
  });
