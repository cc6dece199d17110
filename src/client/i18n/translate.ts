import { IntlMessageFormat } from 'intl-messageformat';

import { englishMessages, loadedCatalog, type Catalog, type MessageKey } from './catalog';
import { SOURCE_LANGUAGE, type LanguageCode } from './languages';
import { messageArguments } from './message-arguments';

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Tags are not markup in our messages: `<` is text (rich text would go through React, not strings). */
const PARSE_OPTIONS = { ignoreTag: true } as const;

interface Compiled {
  format: IntlMessageFormat;
  /** Arguments ICU formats itself (plural, number): they must reach it as numbers. */
  numeric: ReadonlySet<string>;
}

function compile(source: string, locale: string): Compiled {
  const format = new IntlMessageFormat(source, locale, undefined, PARSE_OPTIONS);
  const numeric = new Set<string>();
  for (const [name, uses] of messageArguments(format.getAst()))
    if (uses.includes('plural') || uses.includes('number')) numeric.add(name);
  return { format, numeric };
}

/**
 * Builds `t()` for one language: ICU MessageFormat (plural categories by Intl.PluralRules, `#` the
 * count in the language's digits); any other number argument is formatted with Intl.NumberFormat, so
 * `{total}` reads "100,000" in English and "١٠٠٬٠٠٠" in Arabic. A key the catalog lacks is worded in
 * English. Messages are compiled once per translator, on first use.
 */
export function createTranslator(
  language: LanguageCode,
  catalog: Catalog = loadedCatalog(language) ?? {},
): Translate {
  const compiled = new Map<MessageKey, Compiled>();
  const number = new Intl.NumberFormat(language);
  return (key, params = {}) => {
    let message = compiled.get(key);
    if (!message) {
      const translated = catalog[key];
      message =
        translated === undefined
          ? compile(englishMessages[key], SOURCE_LANGUAGE)
          : compile(translated, language);
      compiled.set(key, message);
    }
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params))
      values[name] = typeof value === 'number' && !message.numeric.has(name) ? number.format(value) : value;
    try {
      return String(message.format.format(values));
    } catch (error) {
      // A missing argument is a bug at the call site; show the message rather than break the screen.
      console.error(`i18n: cannot format ${key}`, error);
      return catalog[key] ?? englishMessages[key];
    }
  };
}
