/** A message: a string, or plural forms keyed by Intl.PluralRules categories (`other` required). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;

/**
 * One area's messages in every shipped language. English is the source of keys; the type makes a
 * missing Arabic key a compile error. `{name}` placeholders are filled from `t()`'s params.
 */
export function defineMessages<const E extends Record<string, Message>>(
  en: E,
  ar: { readonly [K in keyof E]: Message },
) {
  return { en, ar };
}
