import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { defineRecord } from './define-record';
import { checkFields, checkRecord, migrateRecord, withoutRemoved } from './record-validation';
import { SYNCED_ENTITIES, SYNCED_RECORDS, type SyncedEntity } from './synced-records';
import {
  fakeDigest,
  syncedMedia,
  syncedVideoFrames,
  syncedVideoSeriesLink,
  validRecord,
} from './testing/synced-fixtures';
import { MAX_FRAME_PARTS } from '../../domain/video/video-frame-parts';

const media = SYNCED_RECORDS.media;

describe('synced record definitions', () => {
  it('give every field of every schema a merge rule, and no rule to a field the schema lacks', () => {
    for (const entity of SYNCED_ENTITIES) {
      const definition = SYNCED_RECORDS[entity];
      expect(Object.keys(definition.rules.fields).sort(), entity).toEqual(
        Object.keys(definition.schema.shape).sort(),
      );
      // Numbered migrations: 2, 3 … version, none missing.
      const steps = Object.keys(definition.migrations).map(Number);
      expect(
        steps.sort((a, b) => a - b),
        entity,
      ).toEqual(Array.from({ length: definition.version - 1 }, (_, i) => i + 2));
    }
  });

  it('accept a media record as ingest makes it', () => {
    expect(checkRecord(media, syncedMedia('C1', 'M1')).ok).toBe(true);
  });

  // What a hostile or broken client sent, and what the server now answers (issue: synced records).
  it.each([
    ['cases', { name: { x: 1 } }, 'invalid_field', 'name'],
    ['cases', { createdAt: 'x' }, 'invalid_field', 'createdAt'],
    ['media', { md5: '=HYPERLINK("http://x","y")' }, 'invalid_field', 'md5'],
    ['media', { pdq: 'zz' }, 'invalid_field', 'pdq'],
    ['media', { pdqDihedral: 'notarray' }, 'invalid_field', 'pdqDihedral'],
    [
      'media',
      { pdqDihedral: Array.from({ length: 40_000 }, () => 'a'.repeat(64)) },
      'invalid_field',
      'pdqDihedral',
    ],
    ['media', { bytes: '1,"x":1' }, 'invalid_field', 'bytes'],
    ['media', { bytes: -1 }, 'invalid_field', 'bytes'],
    ['media', { category: 1.5 }, 'invalid_field', 'category'],
    ['media', { exif: { make: 'x', shellcode: 1 } }, 'invalid_field', 'exif'],
    ['media', { known: 3 }, 'unknown_field', 'known'],
    ['media', { __proto__: 1, constructor: 2 }, 'unknown_field', 'constructor'],
    ['series', { name: 'x'.repeat(201) }, 'invalid_field', 'name'],
    ['noteRevisions', { text: 'a\u0000b' }, 'invalid_field', 'text'],
    ['seriesLeads', { status: 'done' }, 'invalid_field', 'status'],
    ['leadEvents', { change: { kind: 'status', to: 'closed', extra: 1 } }, 'invalid_field', 'change'],
  ] as const)('refuse %s fields %j with %s (%s)', (entity, fields, reason, field) => {
    const checked = checkFields(SYNCED_RECORDS[entity], fields);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.refusal.reason).toBe(reason);
    expect(checked.refusal.field?.split('.')[0]).toBe(field);
  });

  it('refuse a whole record with a missing field, a cross-field mismatch, or over its size cap', () => {
    const { md5: _missing, ...noMd5 } = syncedMedia('C1', 'M1');
    expect(checkRecord(media, noMd5)).toMatchObject({
      ok: false,
      refusal: { reason: 'invalid_record', field: 'md5' },
    });
    // The dihedral hashes are the record's queries: they must begin with its own PDQ.
    const other = fakeDigest('other', 64);
    expect(checkRecord(media, syncedMedia('C1', 'M1', { pdqDihedral: Array(8).fill(other) }))).toMatchObject({
      ok: false,
      refusal: { reason: 'invalid_field', field: 'pdqDihedral' },
    });
    const huge = syncedMedia('C1', 'M1', { firstPath: 'é'.repeat(4096), mimeType: 'é'.repeat(255) });
    expect(
      checkRecord(media, { ...huge, exif: { make: 'é'.repeat(200), model: 'é'.repeat(200) } }),
    ).toMatchObject({
      ok: true,
    });
    const cases = SYNCED_RECORDS.cases;
    expect(cases.maxBytes).toBeLessThanOrEqual(8 * 1024);
    expect(
      checkRecord(
        { ...cases, maxBytes: 100 },
        {
          id: '01J00000000000000000000000',
          name: 'x'.repeat(150),
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      ),
    ).toEqual({ ok: false, refusal: { reason: 'too_large', limit: 100 } });
  });

  it('take null as the removal of an optional field, never storing it', () => {
    const checked = checkFields(media, { exif: null, precategorizedBy: null });
    expect(checked).toEqual({ ok: true, value: { exif: null, precategorizedBy: null } });
    expect(withoutRemoved(media, { id: 'M1', exif: null, category: null })).toEqual({
      id: 'M1',
      category: null,
    });
    // A required field cannot be removed that way.
    expect(checkFields(media, { md5: null }).ok).toBe(false);
  });

  it('migrate stored data through every numbered step up to the current version', () => {
    const tagged = defineRecord({
      entity: 'demo',
      schema: z.strictObject({ id: z.string(), kind: z.enum(['image', 'video']), frames: z.int() }),
      fields: { id: 'immutable', kind: 'immutable', frames: 'immutable' },
      maxBytes: 1024,
      migrations: {
        2: (v1) => ({ ...v1, kind: 'image' }),
        3: (v2) => ({ ...v2, frames: v2.kind === 'image' ? 1 : 0 }),
      },
    });
    expect(tagged.version).toBe(3);
    expect(migrateRecord(tagged, { id: 'a' }, 1)).toEqual({ id: 'a', kind: 'image', frames: 1 });
    expect(migrateRecord(tagged, { id: 'a', kind: 'video' }, 2)).toEqual({
      id: 'a',
      kind: 'video',
      frames: 0,
    });
    expect(migrateRecord(tagged, { id: 'a', kind: 'video', frames: 9 }, 3)).toEqual({
      id: 'a',
      kind: 'video',
      frames: 9,
    });
    expect(checkRecord(tagged, migrateRecord(tagged, { id: 'a' }, 1)).ok).toBe(true);
  });
});

describe('media kinds and video frames', () => {
  const video = (over: Partial<ReturnType<typeof syncedMedia>> = {}) =>
    syncedMedia('C1', 'V1', {
      kind: 'video',
      durationMs: 12_000,
      fps: 29.97,
      mimeType: 'video/mp4',
      ...over,
    });

  it('migrate a version-1 media record (stored before media kinds) to an image', () => {
    const { kind: _kind, ...v1 } = syncedMedia('C1', 'M1');
    expect(checkRecord(media, v1).ok).toBe(false);
    const migrated = migrateRecord(media, v1, 1);
    expect(migrated.kind).toBe('image');
    expect(checkRecord(media, migrated).ok).toBe(true);
    expect(media.version).toBe(2);
  });

  it('accept a video with its duration and rate; refuse a video without them and an image with them', () => {
    expect(checkRecord(media, video()).ok).toBe(true);
    const { fps: _fps, ...noFps } = video();
    expect(checkRecord(media, noFps)).toMatchObject({ ok: false, refusal: { field: 'fps' } });
    expect(checkRecord(media, syncedMedia('C1', 'M1', { durationMs: 5 }))).toMatchObject({
      ok: false,
      refusal: { field: 'durationMs' },
    });
    expect(checkFields(media, { kind: 'audio' })).toMatchObject({ ok: false, refusal: { field: 'kind' } });
    expect(checkFields(media, { fps: -1 })).toMatchObject({ ok: false, refusal: { field: 'fps' } });
    expect(media.rules.fields.kind).toBe('immutable');
  });

  const frames = SYNCED_RECORDS.videoFrames;
  it('accept a video frames part named <mediaId>.<part> with distinct vPDQ frames', () => {
    expect(checkRecord(frames, syncedVideoFrames('C1', 'V1', 2, { parts: 3 })).ok).toBe(true);
  });

  it.each([
    ['an id that does not name the media and part', { id: 'V1.7' }, 'id'],
    ['a part beyond the bound per video', { id: `V1.${MAX_FRAME_PARTS}`, part: MAX_FRAME_PARTS }, 'part'],
    ['a part beyond its own parts', { parts: 1, part: 1, id: 'V1.1' }, 'part'],
    [
      'an upper-case hash',
      { frames: [{ frame: 0, quality: 90, pdq: 'F'.repeat(64), timestamp: 0 }] },
      'frames',
    ],
    [
      'the same frame hash twice',
      {
        frames: [0, 1].map((i) => ({ frame: i, quality: 90, pdq: 'a'.repeat(64), timestamp: i })),
      },
      'frames',
    ],
    ['no frame at all', { frames: [] }, 'frames'],
    [
      'more frames than a part holds',
      {
        frames: Array.from({ length: 257 }, (_, i) => ({
          frame: i,
          quality: 90,
          pdq: fakeDigest(`f${i}`, 64),
          timestamp: i,
        })),
      },
      'frames',
    ],
  ] as const)('refuse a frames part with %s', (_what, over, field) => {
    const record = { ...syncedVideoFrames('C1', 'V1', 0, { parts: 2 }), ...over };
    const checked = checkRecord(frames, record);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.refusal.field?.split('.')[0]).toBe(field);
  });
});

/** Ids that name what their records name: a frame part its media and part, a link its video and series. */
const FIXTURE_IDS: Partial<Record<SyncedEntity, string>> = { videoFrames: 'R1.0', videoSeriesLinks: 'V1:S1' };

describe('links of a video to the other series it shows', () => {
  const links = SYNCED_RECORDS.videoSeriesLinks;

  it('accept a link whose id names its video and series, and nothing else', () => {
    expect(checkRecord(links, syncedVideoSeriesLink('C1', 'V1', 'S2')).ok).toBe(true);
    expect(checkRecord(links, { ...syncedVideoSeriesLink('C1', 'V1', 'S2'), id: 'V1:S3' })).toMatchObject({
      ok: false,
      refusal: { field: 'id' },
    });
    expect(checkRecord(links, { ...syncedVideoSeriesLink('C1', 'V1', 'S2'), id: 'V1>S2' }).ok).toBe(false);
    expect(checkFields(links, { frames: 4097 })).toMatchObject({ ok: false, refusal: { field: 'frames' } });
    expect(checkFields(links, { frames: -1 }).ok).toBe(false);
    expect(checkFields(links, { note: 'x' })).toMatchObject({
      ok: false,
      refusal: { reason: 'unknown_field' },
    });
  });

  it('name the video and the series as records of the case the server checks', () => {
    expect(links.references).toEqual({
      mediaId: { entity: 'media', where: { kind: 'video' } },
      seriesId: { entity: 'series' },
    });
    // Every reference of every definition names a synced entity and fields the schema has.
    for (const entity of SYNCED_ENTITIES)
      for (const [field, ref] of Object.entries(SYNCED_RECORDS[entity].references)) {
        expect(Object.keys(SYNCED_RECORDS[entity].schema.shape), entity).toContain(field);
        expect(SYNCED_ENTITIES, `${entity}.${field}`).toContain(ref.entity);
      }
  });
});

describe('the test fixtures', () => {
  it.each(SYNCED_ENTITIES)('give a valid %s record', (entity) => {
    expect(
      checkRecord(
        SYNCED_RECORDS[entity],
        validRecord(entity, '01J00000000000000000000000', FIXTURE_IDS[entity] ?? 'R1'),
      ),
    ).toMatchObject({
      ok: true,
    });
  });
});
