/**
 * The 8-connected region of set pixels with the most pixels, as its inclusive bounding box; of
 * regions with as many, the one whose first pixel comes first in reading order. Labelled by runs:
 * each row's runs of set pixels, joined (union-find) to the runs of the row above that touch them,
 * diagonals included (a run [s, e] meets the runs above that overlap [s − 1, e + 1]).
 */
export function largestRegion(
  set: Uint8Array,
  w: number,
  h: number,
): { x0: number; y0: number; x1: number; y1: number } | null {
  const starts: number[] = [];
  const ends: number[] = [];
  const rows: number[] = [];
  const parent: number[] = [];
  const find = (r: number): number => {
    while (parent[r] !== r) r = parent[r] = parent[parent[r]!]!;
    return r;
  };
  let above = 0; // the first run of the row above
  for (let y = 0; y < h; y++) {
    const first = starts.length;
    for (let x = 0; x < w; x++) {
      if (!set[y * w + x]) continue;
      const s = x;
      while (x + 1 < w && set[y * w + x + 1]) x++;
      const r = starts.length;
      starts.push(s);
      ends.push(x);
      rows.push(y);
      parent.push(r);
      // Runs above, in order of x: skip those ending left of s − 1, join those starting by x + 1.
      while (above < first && ends[above]! < s - 1) above++;
      for (let k = above; k < first && starts[k]! <= x + 1; k++) {
        const a = find(k);
        const b = find(r);
        // The root is the run that comes first in reading order: the region's first pixel.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
    above = first;
  }
  const count = new Map<number, number>();
  const box = new Map<number, [number, number, number, number]>();
  for (let r = 0; r < starts.length; r++) {
    const root = find(r);
    count.set(root, (count.get(root) ?? 0) + ends[r]! - starts[r]! + 1);
    const b = box.get(root);
    if (!b) box.set(root, [starts[r]!, rows[r]!, ends[r]!, rows[r]!]);
    else {
      b[0] = Math.min(b[0], starts[r]!);
      b[2] = Math.max(b[2], ends[r]!);
      b[3] = rows[r]!;
    }
  }
  let best = -1;
  for (const [root, n] of count)
    if (best < 0 || n > count.get(best)! || (n === count.get(best)! && root < best)) best = root;
  if (best < 0) return null;
  const [x0, y0, x1, y1] = box.get(best)!;
  return { x0, y0, x1, y1 };
}
