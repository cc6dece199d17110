import { describe, expect, it } from 'vitest';

import { loadCatalog } from './catalog';
import { createTranslator } from './translate';

const arabic = await loadCatalog('ar');
const arabicDigits = new Intl.NumberFormat('ar');

describe('createTranslator', () => {
  it('fills placeholders and chooses English plural forms', () => {
    const t = createTranslator('en');
    expect(t('case.imageCount', { count: 1 })).toBe('1 image');
    expect(t('case.imageCount', { count: 100000 })).toBe('100,000 images');
    expect(t('cases.error.tooLong', { max: 2000 })).toBe('The name is too long (at most 2,000 characters).');
  });

  it('uses Arabic plural categories (dual, few) and Arabic number formatting', () => {
    const t = createTranslator('ar', arabic);
    expect(t('case.imageCount', { count: 2 })).toBe('صورتان');
    expect(t('case.imageCount', { count: 5 })).toBe(`${arabicDigits.format(5)} صور`);
    expect(t('cases.error.tooLong', { max: 200 })).toContain(arabicDigits.format(200));
  });

  it('words a key the translation lacks in English', () => {
    const t = createTranslator('ar', {});
    expect(t('cases.new')).toBe('New case');
  });
});
