import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  HASH_PROBLEM_SAMPLES,
  HASH_PROBLEM_SHOWN,
  JSON_SYNTAXES,
  LIST_PROBLEM_SAMPLES,
  LIST_PROBLEM_SHOWN,
  VALUE_KINDS,
} from '../../domain/testing/problem-samples';
import { englishMessages, loadCatalog, type Catalog } from './catalog';
import { hashDetailText, hashProblemKey, hashProblemText } from './hash-problem-text';
import { LANGUAGE_CODES, type LanguageCode } from './languages';
import { jsonSyntaxKey, listProblemKey, listProblemText, valueKindKey } from './list-problem-text';
import { createTranslator, type Translate } from './translate';

const catalogs = new Map<LanguageCode, Catalog>(
  await Promise.all(LANGUAGE_CODES.map(async (language) => [language, await loadCatalog(language)] as const)),
);
const translator = (language: LanguageCode): Translate => createTranslator(language, catalogs.get(language));

/** A value as the language writes it: numbers in its digits and grouping, text as is. */
const shown = (language: string, value: string | number) =>
  typeof value === 'number' ? new Intl.NumberFormat(language).format(value) : value;

/** An ICU placeholder left unformatted ("{count}", "{n, plural"), or a message key shown as is. */
const PLACEHOLDER_OR_KEY = /\{\w+[},]|lists\.problem|hashing\.problem/;

// The translator logs (and falls back to the raw message) when an argument is missing: none may.
const formatErrors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
beforeEach(() => formatErrors.mockClear());
afterEach(() => expect(formatErrors).not.toHaveBeenCalled());

describe.each(LANGUAGE_CODES)('problems worded in %s', (language) => {
  const t = translator(language);
  const catalog = catalogs.get(language);

  it('has its own words for every list problem, JSON syntax error and value kind', () => {
    for (const code of Object.keys(LIST_PROBLEM_SAMPLES))
      expect(catalog, code).toHaveProperty([listProblemKey(code as keyof typeof LIST_PROBLEM_SAMPLES)]);
    for (const syntax of JSON_SYNTAXES) expect(catalog, syntax).toHaveProperty([jsonSyntaxKey(syntax)]);
    for (const kind of VALUE_KINDS) expect(catalog, kind).toHaveProperty([valueKindKey(kind)]);
    for (const code of Object.keys(HASH_PROBLEM_SAMPLES))
      expect(catalog, code).toHaveProperty([hashProblemKey(code as keyof typeof HASH_PROBLEM_SAMPLES)]);
  });

  it('words every list problem with its values, and no code or placeholder left', () => {
    for (const [code, problem] of Object.entries(LIST_PROBLEM_SAMPLES)) {
      const text = listProblemText(t, problem);
      expect(text, code).not.toMatch(PLACEHOLDER_OR_KEY);
      expect(text, code).not.toContain(code);
      for (const value of LIST_PROBLEM_SHOWN[problem.code])
        expect(text, code).toContain(shown(language, value));
    }
  });

  it('words the nested sets: every JSON syntax error and every value kind', () => {
    const words = new Set<string>();
    for (const syntax of JSON_SYNTAXES) {
      const text = listProblemText(t, { code: 'not-json', syntax, text: '@' });
      expect(text, syntax).not.toMatch(PLACEHOLDER_OR_KEY);
      words.add(text);
    }
    expect(words.size).toBe(JSON_SYNTAXES.length);
    const kinds = new Set(
      VALUE_KINDS.map((expected) =>
        listProblemText(t, { code: 'field-unreadable', field: 'X', expected, found: '1' }),
      ),
    );
    expect(kinds.size).toBe(VALUE_KINDS.length);
  });

  it('words every hashing problem with its values, and the decoder’s detail apart', () => {
    for (const [code, problem] of Object.entries(HASH_PROBLEM_SAMPLES)) {
      const text = hashProblemText(t, problem);
      expect(text, code).not.toMatch(PLACEHOLDER_OR_KEY);
      for (const value of HASH_PROBLEM_SHOWN[problem.code])
        expect(text, code).toContain(shown(language, value));
    }
    expect(hashDetailText(t, 'VipsJpeg: premature end of JPEG image')).toContain(
      'VipsJpeg: premature end of JPEG image',
    );
    expect(hashDetailText(t, undefined)).toBeNull();
  });
});

describe('problems in another language than English', () => {
  it('are not English sentences', () => {
    const en = translator('en');
    for (const language of LANGUAGE_CODES.filter((l) => l !== 'en')) {
      const t = translator(language);
      for (const [code, problem] of Object.entries(LIST_PROBLEM_SAMPLES))
        expect(listProblemText(t, problem), `${language} ${code}`).not.toBe(listProblemText(en, problem));
      for (const [code, problem] of Object.entries(HASH_PROBLEM_SAMPLES))
        expect(hashProblemText(t, problem), `${language} ${code}`).not.toBe(hashProblemText(en, problem));
    }
  });

  it('reads in French and Arabic as a translator wrote them', () => {
    expect(listProblemText(translator('fr'), LIST_PROBLEM_SAMPLES['bad-quality'])).toBe(
      'la qualité «\u202f\u2068high\u2069\u202f» n’est pas un nombre entier de 0 à 100\u202f; ignorée',
    );
    expect(listProblemText(translator('ar'), LIST_PROBLEM_SAMPLES['no-usable-entry'])).toBe(
      `لا يوجد مدخل صالح: تم تخطي جميع المدخلات (${shown('ar', 12)} مشكلة، مذكورة أدناه)`,
    );
    expect(hashProblemText(translator('es'), HASH_PROBLEM_SAMPLES['too-large'])).toBe(
      'La imagen declara 50.000 × 50.000 píxeles (2500 MP), por encima del límite de 100 MP; no se decodificó.',
    );
  });

  it('English is the source: each key exists there', () => {
    expect(englishMessages).toHaveProperty([listProblemKey('no-hash')]);
  });
});
