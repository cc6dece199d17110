import type { MediaId, SeriesId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';

export interface CellData {
  readonly category: number | null;
  readonly firstPath: string;
  /** Videos only: their length (the card shows it). */
  readonly durationMs?: number;
  /** Videos only: the series they are members of (in another series' view they are shown linked). */
  readonly seriesId?: SeriesId;
}

/** What the cells on screen can show now: records and thumbnail URLs of the wanted ids only. */
export interface VisibleMedia {
  readonly media: ReadonlyMap<MediaId, CellData>;
  readonly urls: ReadonlyMap<MediaId, string>;
}

/** Records kept (small objects); thumbnail blobs kept; object URLs kept (revoked when dropped). */
const RECORDS = 2000;
const BLOBS = 2000;
const URLS = 600;
/**
 * Main-thread time one publish may spend making object URLs. Each URL.createObjectURL is a blob
 * registration in the browser process, commonly 0.1 ms and up to 1 ms on a busy machine, so a
 * window of 100 new thumbnails at once could hold the page for 100 ms; beyond the budget the rest
 * are made in the next task (the cells show their placeholder until then).
 */
const URL_BUDGET_MS = 6;
/**
 * Thumbnails are read (and their URLs made) once the window has held still this long, or at once
 * after a pause. Flung at a screen per frame, the grid shows file names and placeholders: reading
 * and registering 100 blobs per frame for cells gone the next frame was most of the main thread's
 * scrolling time.
 */
const SETTLE_MS = 100;

/** Keeps a Map to `max` entries by dropping the oldest insertions that are not wanted. */
function trim<V>(map: Map<MediaId, V>, max: number, wanted: ReadonlySet<MediaId>, drop?: (v: V) => void) {
  for (const [id, value] of map) {
    if (map.size <= max) return;
    if (wanted.has(id)) continue;
    map.delete(id);
    drop?.(value);
  }
}

/**
 * Loads the data of the cells on screen, one read at a time: while a read is out, newer windows
 * only replace the wanted ids, and the next read takes the latest. Scrolling one screen per frame
 * thus costs a read every few frames instead of a live query per frame (each a new subscription,
 * two IndexedDB transactions and a render, most of them for windows already gone). Records and
 * thumbnail blobs are cached by id; object URLs are made only for ids still wanted at publish time.
 * Live updates come from `mediaChanged` / `thumbnailsChanged` (Dexie's storagemutated event).
 */
export class VisibleMediaLoader {
  private wanted: readonly MediaId[] = [];
  /** Read in which generation; data null: no such record. Older ones are shown until read again. */
  private readonly records = new Map<MediaId, { generation: number; data: CellData | null }>();
  /** null: no thumbnail (yet). */
  private readonly blobs = new Map<MediaId, Blob | null>();
  private readonly urls = new Map<MediaId, string>();
  /** Bumped by mediaChanged, so a read that started before a change does not store stale records. */
  private generation = 0;
  private running = false;
  private closed = false;
  private published = '';
  private later: ReturnType<typeof setTimeout> | undefined;
  private lastWant = -Infinity;
  private settled = true;
  private settling: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: WaymarkDatabase,
    private readonly publish: (visible: VisibleMedia) => void,
  ) {}

  want(ids: readonly MediaId[]): void {
    this.wanted = ids;
    const now = performance.now();
    if (now - this.lastWant < SETTLE_MS) {
      this.settled = false;
      clearTimeout(this.settling);
      this.settling = setTimeout(() => {
        if (this.closed) return;
        this.settled = true;
        this.show(true);
        void this.pump();
      }, SETTLE_MS);
    }
    this.lastWant = now;
    this.show();
    void this.pump();
  }

  /** Media records changed somewhere: read the visible ones again (the others when next wanted). */
  mediaChanged(): void {
    this.generation++;
    void this.pump();
  }

  /** Thumbnails were stored: look again for the ones that were missing. */
  thumbnailsChanged(): void {
    for (const [id, blob] of this.blobs) if (blob === null) this.blobs.delete(id);
    void this.pump();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.later);
    clearTimeout(this.settling);
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.closed) {
        const ids = this.wanted;
        const needRecords = ids.filter((id) => this.records.get(id)?.generation !== this.generation);
        const needBlobs = this.settled ? ids.filter((id) => !this.blobs.has(id)) : [];
        if (needRecords.length === 0 && needBlobs.length === 0) break;
        const generation = this.generation;
        const [records, thumbnails] = await Promise.all([
          needRecords.length ? this.db.media.bulkGet(needRecords) : [],
          needBlobs.length ? this.db.thumbnails.bulkGet(needBlobs) : [],
        ]);
        if (this.closed) break;
        // Read before a change: stored as of the old generation, so shown but read again.
        needRecords.forEach((id, i) => {
          const r = records[i];
          this.records.delete(id);
          this.records.set(id, {
            generation,
            data: r
              ? {
                  category: r.category,
                  firstPath: r.firstPath,
                  ...(r.kind === 'video' ? { durationMs: r.durationMs ?? 0, seriesId: r.seriesId } : {}),
                }
              : null,
          });
        });
        needBlobs.forEach((id, i) => this.blobs.set(id, thumbnails[i]?.blob ?? null));
        const keep = new Set(this.wanted);
        trim(this.records, RECORDS, keep);
        trim(this.blobs, BLOBS, keep);
        // Publish only when the read brought something for cells still on screen.
        if (needRecords.some((id) => keep.has(id)) || needBlobs.some((id) => keep.has(id))) this.show(true);
      }
    } finally {
      this.running = false;
    }
  }

  /** Publishes what is known of the wanted ids: after a read, or when the window shows more or less. */
  private show(read = false): void {
    const media = new Map<MediaId, CellData>();
    const urls = new Map<MediaId, string>();
    const started = performance.now();
    let unmade = false;
    for (const id of this.wanted) {
      const record = this.records.get(id)?.data;
      if (record) media.set(id, record);
      const blob = this.blobs.get(id);
      if (!blob) continue;
      let url = this.urls.get(id);
      if (url === undefined) {
        if (!this.settled) continue;
        if (performance.now() - started > URL_BUDGET_MS) {
          unmade = true;
          continue;
        }
        url = URL.createObjectURL(blob);
        this.urls.set(id, url);
      }
      urls.set(id, url);
    }
    if (unmade && this.later === undefined)
      this.later = setTimeout(() => {
        this.later = undefined;
        if (!this.closed) this.show(true);
      }, 0);
    trim(this.urls, URLS, new Set(this.wanted), (url) => URL.revokeObjectURL(url));
    // Without a read, the window's first id and sizes tell whether anything else would be shown.
    const signature = `${this.wanted[0] ?? ''}:${this.wanted.length}:${media.size}:${urls.size}`;
    if (!read && signature === this.published) return;
    this.published = signature;
    this.publish({ media, urls });
  }
}
