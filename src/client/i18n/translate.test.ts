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

  it('uses the French and Spanish categories: 0 and 1 are singular in French, millions take "de"', async () => {
    const fr = createTranslator('fr', await loadCatalog('fr'));
    const es = createTranslator('es', await loadCatalog('es'));
    const n = (language: string, value: number) => new Intl.NumberFormat(language).format(value);
    expect(fr('case.imageCount', { count: 0 })).toBe('0 image');
    expect(fr('case.imageCount', { count: 1 })).toBe('1 image');
    expect(fr('case.imageCount', { count: 2500 })).toBe(`${n('fr', 2500)} images`);
    expect(fr('case.imageCount', { count: 1_000_000 })).toBe(`${n('fr', 1_000_000)} d’images`);
    expect(es('case.imageCount', { count: 0 })).toBe('0 imágenes');
    expect(es('case.imageCount', { count: 1 })).toBe('1 imagen');
    expect(es('case.imageCount', { count: 1_000_000 })).toBe(`${n('es', 1_000_000)} de imágenes`);
    expect(fr('ingest.progress', { done: 1200, total: 34000, bytes: '1 Mo', rate: 3 })).toBe(
      `${n('fr', 1200)} fichiers sur ${n('fr', 34000)} · 1 Mo · 3 images/s`,
    );
  });

  it('words a key the translation lacks in English', () => {
    const t = createTranslator('ar', {});
    expect(t('cases.new')).toBe('New case');
  });
});
