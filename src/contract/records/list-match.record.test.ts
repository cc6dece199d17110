import { describe, expect, it } from 'vitest';

import { DEFAULT_MAX_SPANS } from '../../domain/video/frame-spans';
import { listMatchRecord } from './list-match.record';

const base = {
  id: '01JXLISTMATCH0000000000000',
  caseId: 'C1',
  mediaId: 'M1',
  listId: 'L1',
  listName: 'Known videos',
  listKind: 'known',
  schemeId: null,
  entryId: 'E1',
  entryOrdinal: 1,
  kind: 'vpdq',
  distance: 3,
  lowQuality: false,
  category: null,
  label: 'chair-orig-22-sd-bar',
  conflict: false,
  precategorized: false,
  matchedAt: '2026-12-06T20:00:00.000Z',
};
const span = {
  fromFrame: 999_999,
  toFrame: 999_999,
  from: 604_799.999,
  to: 604_799.999,
  otherFrom: 604_799.999,
  otherTo: 604_799.999,
  frames: 999_999,
  distance: 31,
};

describe('list match record: a known video match', () => {
  it('carries the shares and the most spans a match keeps, within its size cap', () => {
    const record = {
      ...base,
      video: {
        queryPercent: 100,
        comparedPercent: 33.333333333333336,
        spans: Array.from({ length: DEFAULT_MAX_SPANS }, () => span),
        omitted: 12,
      },
    };
    expect(listMatchRecord.schema.safeParse(record).success).toBe(true);
    expect(new TextEncoder().encode(JSON.stringify(record)).length).toBeLessThanOrEqual(
      listMatchRecord.maxBytes,
    );
  });

  it('refuses more spans, shares over 100 and unknown fields in the detail', () => {
    const video = { queryPercent: 90, comparedPercent: 80, spans: [span], omitted: 0 };
    const ok = (v: object) => listMatchRecord.schema.safeParse({ ...base, video: v }).success;
    expect(ok(video)).toBe(true);
    expect(ok({ ...video, spans: Array.from({ length: DEFAULT_MAX_SPANS + 1 }, () => span) })).toBe(false);
    expect(ok({ ...video, queryPercent: 101 })).toBe(false);
    expect(ok({ ...video, extra: 1 })).toBe(false);
  });
});
