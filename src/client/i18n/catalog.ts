import en from './catalogs/en.json';
import { SOURCE_LANGUAGE, type LanguageCode } from './languages';

/**
 * Message catalogs: one JSON file per language under catalogs/, ICU MessageFormat strings keyed
 * 'area.key'. English is bundled and defines the keys (so `t('no.such.key')` is a compile error);
 * every other language is a lazily loaded chunk, fetched when the analyst picks it. A key missing
 * from a translation falls back to English at run time and fails `catalogs.test.ts`.
 */
export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Partial<Record<MessageKey, string>>>;

export const englishMessages: Readonly<Record<MessageKey, string>> = en;

type Loader = () => Promise<{ default: Catalog }>;
const loaders = {
  ar: () => import('./catalogs/ar.json'),
  fr: () => import('./catalogs/fr.json'),
  es: () => import('./catalogs/es.json'),
} as const satisfies Record<Exclude<LanguageCode, typeof SOURCE_LANGUAGE>, Loader>;

const loaded = new Map<LanguageCode, Catalog>([[SOURCE_LANGUAGE, en]]);

/** The catalog of a language if it is already here (English always is). */
export function loadedCatalog(language: LanguageCode): Catalog | undefined {
  return loaded.get(language);
}

/** Fetches a language's catalog once; later calls return the same object. */
export async function loadCatalog(language: LanguageCode): Promise<Catalog> {
  const ready = loaded.get(language);
  if (ready) return ready;
  const { default: catalog } = await loaders[language as keyof typeof loaders]();
  loaded.set(language, catalog);
  return catalog;
}
