/**
 * Series membership as an add-wins set (an observed-remove set): every add carries a unique tag; a
 * remove deletes only the tags its writer had seen. So when one analyst moves an image out of a series
 * while another adds it again, the concurrent add survives, whatever order the server receives them in.
 * Merge and split are not set states but operations, re-run on the members current at the server.
 * Invariant: an element is a member iff it has at least one live add tag.
 */
export interface AddWinsSet {
  /** element -> live add tags */
  readonly tags: ReadonlyMap<string, ReadonlySet<string>>;
}

export const emptySet = (): AddWinsSet => ({ tags: new Map() });

export function add(set: AddWinsSet, element: string, tag: string): AddWinsSet {
  const tags = new Map(set.tags);
  tags.set(element, new Set([...(set.tags.get(element) ?? []), tag]));
  return { tags };
}

/** Removes what the writer observed: pass the tags it saw for the element (`observed(set, e)` on its copy). */
export function remove(set: AddWinsSet, element: string, observedTags: Iterable<string>): AddWinsSet {
  const live = set.tags.get(element);
  if (!live) return set;
  const seen = new Set(observedTags);
  const left = [...live].filter((t) => !seen.has(t));
  const tags = new Map(set.tags);
  if (left.length) tags.set(element, new Set(left));
  else tags.delete(element);
  return { tags };
}

export function observed(set: AddWinsSet, element: string): string[] {
  return [...(set.tags.get(element) ?? [])];
}

export function has(set: AddWinsSet, element: string): boolean {
  return (set.tags.get(element)?.size ?? 0) > 0;
}

export function members(set: AddWinsSet): string[] {
  return [...set.tags.keys()].sort();
}

export type SetOp =
  | { readonly kind: 'add'; readonly element: string; readonly tag: string }
  | { readonly kind: 'remove'; readonly element: string; readonly observed: readonly string[] };

export function applyOp(set: AddWinsSet, op: SetOp): AddWinsSet {
  return op.kind === 'add' ? add(set, op.element, op.tag) : remove(set, op.element, op.observed);
}
