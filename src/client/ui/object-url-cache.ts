/**
 * Object URLs for the thumbnails of a long list, shared by all its rows: one URL per key while the key
 * is cached, made once when its Blob arrives and revoked when it leaves the cache. Rows that scroll in
 * and out again reuse the URL (no create/revoke churn per row); `trim` keeps the cache to `capacity`
 * by revoking the least recently used URLs, never one the caller says is on screen.
 */
export class ObjectUrlCache<K> {
  /** Insertion order is recency order: `touch` moves a key to the end. */
  private readonly urls = new Map<K, string>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.urls.size;
  }

  /** The URL for `key`, without changing its recency (safe to call while rendering). */
  peek(key: K): string | undefined {
    return this.urls.get(key);
  }

  has(key: K): boolean {
    return this.urls.has(key);
  }

  /** Marks keys as just used. */
  touch(keys: Iterable<K>): void {
    for (const key of keys) {
      const url = this.urls.get(key);
      if (url === undefined) continue;
      this.urls.delete(key);
      this.urls.set(key, url);
    }
  }

  /** The URL for `key`, made from `blob` unless the key has one already. */
  put(key: K, blob: Blob): string {
    const had = this.urls.get(key);
    if (had !== undefined) return had;
    const url = URL.createObjectURL(blob);
    this.urls.set(key, url);
    return url;
  }

  /** Revokes the least recently used URLs beyond capacity, except those of `keep`; returns their keys. */
  trim(keep: ReadonlySet<K>): K[] {
    const evicted: K[] = [];
    let excess = this.urls.size - this.capacity;
    for (const [key, url] of this.urls) {
      if (excess <= 0) break;
      if (keep.has(key)) continue;
      URL.revokeObjectURL(url);
      this.urls.delete(key);
      evicted.push(key);
      excess--;
    }
    return evicted;
  }

  /** Revokes the URL of `key`, if it has one. */
  delete(key: K): void {
    const url = this.urls.get(key);
    if (url === undefined) return;
    URL.revokeObjectURL(url);
    this.urls.delete(key);
  }

  /** Revokes every URL. */
  clear(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }
}
