/**
 * Category schemes as data: a case picks one; nothing else hard-codes category numbers.
 * Invariant: within a scheme, every digit key and every value is used once; `null` (uncategorized) is
 * never bound to a digit key, it is what "undo" or "clear" returns to.
 * Labels are not here: the UI translates `category.<schemeId>.<value>` (clinical, neutral wording).
 */
export const CategorySchemeId = {
  /** Project VIC US (VICS 2.0 `US`): 0 non-pertinent … 4 comparison, null uncategorized. The default. */
  vicUs: 'vic-us',
  /** The older DHS scheme: as Project VIC US but 5 is non-pertinent and 0 uncategorized. */
  dhs: 'dhs',
  /** UK CAID grades A/B/C plus non-pertinent, stored as 1/2/3 and 0. */
  ukCaid: 'uk-caid',
} as const;
export type CategorySchemeId = (typeof CategorySchemeId)[keyof typeof CategorySchemeId];

export const DEFAULT_CATEGORY_SCHEME: CategorySchemeId = CategorySchemeId.vicUs;

export interface CategoryDefinition {
  /** The value stored on the media record and written to VICS `Category`. */
  readonly value: number;
  /** The key that sets it in the triage grid. */
  readonly key: string;
  /** For the UI: a small set of neutral tones, so a category is never shown by colour alone. */
  readonly tone: 'neutral' | 'high' | 'medium' | 'low' | 'reference';
}

export interface CategoryScheme {
  readonly id: CategorySchemeId;
  readonly categories: readonly CategoryDefinition[];
}

export const CATEGORY_SCHEMES: Readonly<Record<CategorySchemeId, CategoryScheme>> = {
  'vic-us': {
    id: 'vic-us',
    categories: [
      { value: 0, key: '0', tone: 'neutral' },
      { value: 1, key: '1', tone: 'high' },
      { value: 2, key: '2', tone: 'medium' },
      { value: 3, key: '3', tone: 'low' },
      { value: 4, key: '4', tone: 'reference' },
    ],
  },
  dhs: {
    id: 'dhs',
    categories: [
      { value: 5, key: '5', tone: 'neutral' },
      { value: 1, key: '1', tone: 'high' },
      { value: 2, key: '2', tone: 'medium' },
      { value: 3, key: '3', tone: 'low' },
      { value: 4, key: '4', tone: 'reference' },
    ],
  },
  'uk-caid': {
    id: 'uk-caid',
    categories: [
      { value: 0, key: '0', tone: 'neutral' },
      { value: 1, key: '1', tone: 'high' },
      { value: 2, key: '2', tone: 'medium' },
      { value: 3, key: '3', tone: 'low' },
    ],
  },
};

export function isCategorySchemeId(value: unknown): value is CategorySchemeId {
  return typeof value === 'string' && Object.hasOwn(CATEGORY_SCHEMES, value);
}

export function getCategoryScheme(id: string | undefined): CategoryScheme {
  return isCategorySchemeId(id) ? CATEGORY_SCHEMES[id] : CATEGORY_SCHEMES[DEFAULT_CATEGORY_SCHEME];
}

/** The category a key press sets under a scheme, or undefined when the key means nothing there. */
export function categoryForKey(scheme: CategoryScheme, key: string): CategoryDefinition | undefined {
  return scheme.categories.find((c) => c.key === key);
}

/** Dexie does not index null: uncategorized is stored beside the category as slot -1 for filtering. */
export const UNCATEGORIZED_SLOT = -1;
export function categorySlot(category: number | null): number {
  return category ?? UNCATEGORIZED_SLOT;
}
