/**
 * The languages Waymark speaks: INTERPOL's official languages. Each is named in itself (so anyone
 * finds their own in the menu) and carries its writing direction, which `<html dir>` follows.
 * Adding one here makes its catalog loader a compile error until `catalogs/<code>.json` exists.
 */
export const LANGUAGES = {
  en: { name: 'English', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
  fr: { name: 'Français', dir: 'ltr' },
  es: { name: 'Español', dir: 'ltr' },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl' }>;

export type LanguageCode = keyof typeof LANGUAGES;

/** English is the source language: every key exists there, and it is the fallback for a missing one. */
export const SOURCE_LANGUAGE = 'en' satisfies LanguageCode;

export const LANGUAGE_CODES = Object.keys(LANGUAGES) as LanguageCode[];

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}
