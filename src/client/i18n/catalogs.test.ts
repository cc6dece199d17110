import { describe, expect, it } from 'vitest';

import { englishMessages, loadCatalog } from './catalog';
import { checkTranslation } from './catalog-check';
import { LANGUAGE_CODES } from './languages';

describe('message catalogs', () => {
  it.each(LANGUAGE_CODES)('%s has every English key, with exactly its placeholders', async (language) => {
    const catalog = (await loadCatalog(language)) as Record<string, string>;
    expect(checkTranslation(language, englishMessages, catalog)).toEqual([]);
  });

  it('French puts a no-break space before : ; ? ! and inside « » (so they never start a line)', async () => {
    const french = (await loadCatalog('fr')) as Record<string, string>;
    const breakable = Object.entries(french).filter(([, m]) => / [:;?!»]|« /.test(m));
    expect(breakable.map(([key]) => key)).toEqual([]);
  });

  const english = {
    'a.count': '{count, plural, one {# file} other {# files}}',
    'a.progress': '{done} of {total} files',
    'a.plain': 'Cancel',
  };
  const sound = {
    'a.count': '{count, plural, one {# fichier} many {# de fichiers} other {# fichiers}}',
    'a.progress': '{done} sur {total} fichiers',
    'a.plain': 'Annuler',
  };

  it('accepts a sound translation', () => {
    expect(checkTranslation('fr', english, sound)).toEqual([]);
  });

  it('fails when a placeholder is renamed, dropped or added', () => {
    expect(
      checkTranslation('fr', english, { ...sound, 'a.progress': '{done} sur {totale} fichiers' }),
    ).toEqual([
      'a.progress: placeholders {done: text} {totale: text}, English has {done: text} {total: text}',
    ]);
    expect(checkTranslation('fr', english, { ...sound, 'a.progress': '{done} fichiers' })).toHaveLength(1);
    expect(checkTranslation('fr', english, { ...sound, 'a.plain': 'Annuler {x}' })).toHaveLength(1);
  });

  it('fails when a plural argument becomes plain text, or a form is not one of the language', () => {
    expect(checkTranslation('fr', english, { ...sound, 'a.count': '{count} fichiers' })).toEqual([
      'a.count: placeholders {count: text}, English has {count: plural}',
    ]);
    expect(
      checkTranslation('fr', english, { ...sound, 'a.count': '{count, plural, one {#} two {#} other {#}}' }),
    ).toEqual(['a.count: plural forms two do not exist in fr', 'a.count: plural lacks the fr forms many']);
  });

  it('fails on a missing key, an extra key and a message that does not parse', () => {
    const { 'a.plain': _dropped, ...rest } = sound;
    expect(checkTranslation('fr', english, { ...rest, 'a.extra': 'x', 'a.progress': '{done sur' })).toEqual([
      'a.plain: missing',
      expect.stringMatching(/^a\.progress: does not parse/),
      'a.extra: not an English key',
    ]);
  });
});
