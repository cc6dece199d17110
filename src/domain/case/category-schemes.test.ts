import { describe, expect, it } from 'vitest';

import {
  CATEGORY_SCHEMES,
  categoryForKey,
  categorySlot,
  getCategoryScheme,
  UNCATEGORIZED_SLOT,
} from './category-schemes';

describe('category schemes', () => {
  it('uses each key and each value once per scheme', () => {
    for (const scheme of Object.values(CATEGORY_SCHEMES)) {
      const keys = scheme.categories.map((c) => c.key);
      const values = scheme.categories.map((c) => c.value);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('maps digits under Project VIC US by default and under DHS when chosen', () => {
    expect(categoryForKey(getCategoryScheme(undefined), '0')?.value).toBe(0);
    expect(categoryForKey(getCategoryScheme('dhs'), '5')?.value).toBe(5);
    expect(categoryForKey(getCategoryScheme('dhs'), '0')).toBeUndefined();
    expect(categoryForKey(getCategoryScheme('uk-caid'), '4')).toBeUndefined();
    expect(getCategoryScheme('nonsense').id).toBe('vic-us');
  });

  it('gives uncategorized its own index slot', () => {
    expect(categorySlot(null)).toBe(UNCATEGORIZED_SLOT);
    expect(categorySlot(0)).toBe(0);
  });
});
