import { ar } from './messages.ar';
import { en, type Messages } from './messages.en';

const english: Messages = en;

export const LANGUAGES = {
  en: { label: 'English', dir: 'ltr', messages: english },
  ar: { label: 'العربية', dir: 'rtl', messages: ar },
} as const satisfies Record<string, { label: string; dir: 'ltr' | 'rtl'; messages: Messages }>;

export type LanguageCode = keyof typeof LANGUAGES;

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}
