import { LANGUAGES, type LanguageCode } from './languages';
import type { MessageKey } from './catalog';

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Builds `t()` for one language: plural choice by Intl.PluralRules, numbers by Intl.NumberFormat. */
export function createTranslator(language: LanguageCode): Translate {
  const { messages } = LANGUAGES[language];
  const plural = new Intl.PluralRules(language);
  const number = new Intl.NumberFormat(language);
  return (key, params = {}) => {
    const message = messages[key];
    const count = params.count;
    const template =
      typeof message === 'string'
        ? message
        : (message[plural.select(typeof count === 'number' ? count : 0)] ?? message.other);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? number.format(value) : value;
    });
  };
}
