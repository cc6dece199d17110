import { afterEach, describe, expect, it, vi } from 'vitest';

import { ObjectUrlCache } from './object-url-cache';

const blob = () => new Blob([new Uint8Array([1])]);

describe('ObjectUrlCache', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('makes one URL per key and reuses it', () => {
    const cache = new ObjectUrlCache<string>(4);
    const url = cache.put('a', blob());
    expect(cache.put('a', blob())).toBe(url);
    expect(cache.peek('a')).toBe(url);
    cache.clear();
  });

  it('revokes the least recently used beyond capacity, never a kept key', () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const cache = new ObjectUrlCache<string>(2);
    const a = cache.put('a', blob());
    const b = cache.put('b', blob());
    cache.put('c', blob());
    cache.touch(['a']);
    // b is the least recently used; a was touched; c is kept.
    expect(cache.trim(new Set(['c']))).toEqual(['b']);
    expect(revoke).toHaveBeenCalledWith(b);
    expect(cache.peek('a')).toBe(a);
    expect(cache.size).toBe(2);
    // Everything kept: over capacity rather than revoking a URL on screen.
    cache.put('d', blob());
    expect(cache.trim(new Set(['a', 'c', 'd']))).toEqual([]);
    cache.delete('a');
    expect(revoke).toHaveBeenCalledWith(a);
    expect(cache.has('a')).toBe(false);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
