import { describe, expect, it } from 'vitest';

import { LANGUAGES } from './languages';
import { en } from './catalog';
import { createTranslator } from './translate';

describe('createTranslator', () => {
  it('fills placeholders and chooses English plural forms', () => {
    const t = createTranslator('en');
    expect(t('case.imageCount', { count: 1 })).toBe('1 image');
    expect(t('case.imageCount', { count: 100000 })).toBe('100,000 images');
  });

  it('uses Arabic plural categories (dual, few) and Arabic number formatting', () => {
    const t = createTranslator('ar');
    expect(t('case.imageCount', { count: 2 })).toBe('صورتان');
    expect(t('case.imageCount', { count: 5 })).toBe(`${new Intl.NumberFormat('ar').format(5)} صور`);
  });

  it('has every English key in every language', () => {
    for (const { messages } of Object.values(LANGUAGES))
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });
});
