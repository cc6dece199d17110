import { ar, en, type Catalog } from './catalog';

export const LANGUAGES = {
  en: { label: 'English', dir: 'ltr', messages: en },
  ar: { label: 'العربية', dir: 'rtl', messages: ar },
} as const satisfies Record<string, { label: string; dir: 'ltr' | 'rtl'; messages: Catalog }>;

export type LanguageCode = keyof typeof LANGUAGES;

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}
