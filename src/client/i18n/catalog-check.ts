import { isPluralElement, isSelectElement, isTagElement, parse } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';

import { messageArguments } from './message-arguments';

/**
 * Checks a translation against the English catalog: the same keys, messages that parse, exactly the
 * English placeholders (name and use: `{total}` stays `{total}`, `{count, plural}` stays plural), and
 * plural forms that are exactly the language's CLDR categories (French and Spanish have `many`, for
 * millions: "1 000 000 d’images"; Arabic has six), plus any exact `=n` forms. Returns one line per problem, empty when
 * the translation is sound; `catalogs.test.ts` runs it on every shipped language.
 */
export function checkTranslation(
  language: string,
  english: Readonly<Record<string, string>>,
  translation: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  const categories = new Set<string>(new Intl.PluralRules(language).resolvedOptions().pluralCategories);
  for (const key of Object.keys(english))
    if (!Object.hasOwn(translation, key)) problems.push(`${key}: missing`);
  for (const [key, message] of Object.entries(translation)) {
    const source = english[key];
    if (source === undefined) {
      problems.push(`${key}: not an English key`);
      continue;
    }
    const ast = parseOrReport(key, message, problems);
    const sourceAst = parseOrReport(`${key} (English)`, source, problems);
    if (!ast || !sourceAst) continue;
    const expected = describe(messageArguments(sourceAst));
    const actual = describe(messageArguments(ast));
    if (expected !== actual)
      problems.push(`${key}: placeholders ${actual || '(none)'}, English has ${expected || '(none)'}`);
    for (const plural of plurals(ast)) {
      const forms = Object.keys(plural.options).filter((form) => !/^=\d+$/.test(form));
      const foreign = forms.filter((form) => !categories.has(form));
      if (foreign.length > 0)
        problems.push(`${key}: plural forms ${foreign.join(', ')} do not exist in ${language}`);
      const lacking = [...categories].filter((category) => !forms.includes(category));
      if (lacking.length > 0)
        problems.push(`${key}: plural lacks the ${language} forms ${lacking.join(', ')}`);
    }
  }
  return problems;
}

function parseOrReport(key: string, message: string, problems: string[]): MessageFormatElement[] | null {
  try {
    return parse(message, { ignoreTag: true });
  } catch (error) {
    problems.push(`${key}: does not parse (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

function describe(args: Map<string, string[]>): string {
  return [...args]
    .map(([name, uses]) => `{${name}: ${uses.join('+')}}`)
    .sort()
    .join(' ');
}

function* plurals(
  elements: readonly MessageFormatElement[],
): Generator<Extract<MessageFormatElement, { options: object }>> {
  for (const el of elements) {
    if (isPluralElement(el)) yield el;
    if (isPluralElement(el) || isSelectElement(el))
      for (const option of Object.values(el.options)) yield* plurals(option.value);
    if (isTagElement(el)) yield* plurals(el.children);
  }
}
