/**
 * Disjoint sets over dense numbers 0..n-1 (union by size, path halving), growing on demand.
 * Invariant: parent[i] === i exactly for roots; size[root] counts the set.
 */
export class UnionFind {
  private parent: Int32Array;
  private size: Int32Array;
  private count = 0;

  constructor(initial = 0) {
    this.parent = new Int32Array(Math.max(16, initial));
    this.size = new Int32Array(this.parent.length);
    this.extendTo(initial);
  }

  get length(): number {
    return this.count;
  }

  /** Makes 0..n-1 exist (new ones as singletons). */
  extendTo(n: number): void {
    if (n > this.parent.length) {
      let cap = this.parent.length;
      while (cap < n) cap *= 2;
      const parent = new Int32Array(cap);
      parent.set(this.parent);
      const size = new Int32Array(cap);
      size.set(this.size);
      this.parent = parent;
      this.size = size;
    }
    for (let i = this.count; i < n; i++) {
      this.parent[i] = i;
      this.size[i] = 1;
    }
    this.count = Math.max(this.count, n);
  }

  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      const up = parent[parent[i]!]!;
      parent[i] = up;
      i = up;
    }
    return i;
  }

  sizeOf(i: number): number {
    return this.size[this.find(i)]!;
  }

  /** Joins the sets of a and b; returns the new root (the larger set's root), or -1 when already one. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return -1;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return ra;
  }
}
