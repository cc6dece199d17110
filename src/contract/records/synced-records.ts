import type { z } from 'zod';

import { fieldsWithRule, type EntityRules } from '../../domain/sync/entity-rules';
import { caseRecord } from './case.record';
import { clueRevisionRecord } from './clue-revision.record';
import type { RecordDefinition } from './define-record';
import { fileRecord } from './file.record';
import { leadEventRecord } from './lead-event.record';
import { listMatchRecord } from './list-match.record';
import { mediaRecord } from './media.record';
import { noteRevisionRecord } from './note-revision.record';
import { noticeRecord } from './notice.record';
import { seriesLeadRecord } from './series-lead.record';
import { seriesRecord } from './series.record';
import { videoFramesRecord } from './video-frames.record';
import { videoSeriesLinkRecord } from './video-series-link.record';

/**
 * Every synced entity, by name. Entity names are the local table names, so a client applies a change by
 * table without a mapping. Image bytes and thumbnails never sync; derived local state (counts, flags
 * computed from local lists, arrival order) stays local and is recomputed where it lives.
 */
export const SYNCED_RECORDS = {
  cases: caseRecord,
  media: mediaRecord,
  files: fileRecord,
  series: seriesRecord,
  clueRevisions: clueRevisionRecord,
  seriesLeads: seriesLeadRecord,
  leadEvents: leadEventRecord,
  noteRevisions: noteRevisionRecord,
  listMatches: listMatchRecord,
  notices: noticeRecord,
  videoFrames: videoFramesRecord,
  videoSeriesLinks: videoSeriesLinkRecord,
} as const satisfies { readonly [E in string]: RecordDefinition<E> };

export type SyncedEntity = keyof typeof SYNCED_RECORDS;
export const SYNCED_ENTITIES = Object.keys(SYNCED_RECORDS) as [SyncedEntity, ...SyncedEntity[]];

export function isSyncedEntity(value: unknown): value is SyncedEntity {
  return typeof value === 'string' && Object.hasOwn(SYNCED_RECORDS, value);
}

type Definition<E extends SyncedEntity> = (typeof SYNCED_RECORDS)[E];

/** A synced record of entity E as it travels and as the server stores it. */
export type SyncedRecord<E extends SyncedEntity> = z.output<Definition<E>['schema']>;
export type SyncedField<E extends SyncedEntity> = keyof SyncedRecord<E> & string;

type Rules<E extends SyncedEntity> = Definition<E>['rules']['fields'];

/** The high-stakes fields of entity E: a stale write of one is a conflict the analyst decides. */
export type BaseVersionField<E extends SyncedEntity> = {
  [K in keyof Rules<E>]: Rules<E>[K] extends 'base-version' ? K & string : never;
}[keyof Rules<E>];

/** Every (entity, base-version field) pair: what a conflict can be about. */
export type ConflictSubject = { [E in SyncedEntity]: `${E}.${BaseVersionField<E>}` }[SyncedEntity];

export function baseVersionFields<E extends SyncedEntity>(entity: E): BaseVersionField<E>[] {
  const rules: EntityRules = SYNCED_RECORDS[entity].rules;
  return fieldsWithRule(rules, 'base-version') as BaseVersionField<E>[];
}

/** The record's synced fields as a browser sends them: only the schema's fields (an allow-list). */
export function pickSynced<E extends SyncedEntity>(entity: E, record: object): Record<string, unknown> {
  const fields = record as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(SYNCED_RECORDS[entity].rules.fields))
    if (fields[field] !== undefined) out[field] = fields[field];
  return out;
}
