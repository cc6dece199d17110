import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { readGridCells, type GridCellRecord } from '../../db/media.repository';
import { ObjectUrlCache } from '../../ui/object-url-cache';

/** What a cell shows apart from its thumbnail. */
export interface CellData {
  readonly category: number | null;
  readonly firstPath: string;
}

/**
 * The grid's cells kept between scroll frames: each id's data and thumbnail URL are read once (in
 * one transaction per batch of ids that scrolled in) and kept in a least-recently-used cache, so
 * scrolling back costs no read and no new object URL. Readers subscribe (useSyncExternalStore) and
 * re-render when a batch lands; CellData objects keep their identity until their record changes, so
 * memoized rows re-render only when their own cells do.
 *
 * Freshness: the cache holds what was read. The grid asks `refresh` with a live read of the settled
 * window, so a category set from the keyboard reaches the cells on screen.
 */
export class GridCellCache {
  /** Insertion order is recency order. */
  private readonly cells = new Map<MediaId, CellData>();
  private readonly urls: ObjectUrlCache<MediaId>;
  private readonly pending = new Set<MediaId>();
  private readonly listeners = new Set<() => void>();
  private shown: ReadonlySet<MediaId> = new Set();
  /** Bumped by `clear`, so reads started before it are dropped. */
  private generation = 0;
  private version = 0;

  constructor(
    private readonly db: WaymarkDatabase,
    private readonly capacity = 1200,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
  ) {
    this.urls = new ObjectUrlCache(capacity);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever a cell's data or URL does (the useSyncExternalStore snapshot). */
  readonly getVersion = (): number => this.version;

  cell(id: MediaId): CellData | undefined {
    return this.cells.get(id);
  }

  url(id: MediaId): string | undefined {
    return this.urls.peek(id);
  }

  /** The ids on screen: kept from eviction, marked as recently used, and read if missing. */
  show(ids: readonly MediaId[]): void {
    this.shown = new Set(ids);
    for (const id of ids) {
      const data = this.cells.get(id);
      if (data === undefined) continue;
      this.cells.delete(id);
      this.cells.set(id, data);
    }
    this.urls.touch(ids);
    this.load(ids);
  }

  /** Reads the ids that are neither cached nor being read (ids off screen: a prefetch). */
  load(ids: readonly MediaId[]): void {
    const missing = ids.filter((id) => !this.cells.has(id) && !this.pending.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.pending.add(id);
    const generation = this.generation;
    readGridCells(this.db, missing).then(
      (rows) => {
        if (generation !== this.generation) return;
        for (const id of missing) this.pending.delete(id);
        this.store(rows);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        for (const id of missing) this.pending.delete(id);
        this.onError(error);
      },
    );
  }

  /** Fresh rows (from a live read): changed records replace cached ones; thumbnails fill gaps. */
  refresh(rows: readonly GridCellRecord[]): void {
    this.store(rows);
  }

  /** Revokes every URL and forgets every cell (on unmount). */
  clear(): void {
    this.generation++;
    this.pending.clear();
    this.cells.clear();
    this.urls.clear();
  }

  private store(rows: readonly GridCellRecord[]): void {
    let changed = false;
    for (const row of rows) {
      const had = this.cells.get(row.id);
      if (had === undefined || had.category !== row.category || had.firstPath !== row.firstPath) {
        this.cells.delete(row.id);
        this.cells.set(row.id, { category: row.category, firstPath: row.firstPath });
        changed = true;
      }
      if (row.thumbnail && !this.urls.has(row.id)) {
        this.urls.put(row.id, row.thumbnail);
        changed = true;
      }
    }
    this.evict();
    if (!changed) return;
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private evict(): void {
    let excess = this.cells.size - this.capacity;
    for (const id of this.cells.keys()) {
      if (excess <= 0) break;
      if (this.shown.has(id)) continue;
      this.cells.delete(id);
      this.urls.delete(id);
      excess--;
    }
  }
}
