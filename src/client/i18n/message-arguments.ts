import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';

/** How a message uses one of its arguments: `{name}`, `{name, number}`, `{name, plural, …}`… */
export type ArgumentUse = 'text' | 'number' | 'date' | 'time' | 'plural' | 'select';

/**
 * Every argument a parsed ICU message reads, with how it reads it (an argument used two ways keeps
 * both, sorted). The translator uses it to know which numbers must stay numbers; the catalog tests
 * use it to compare a translation's placeholders with English's.
 */
export function messageArguments(ast: readonly MessageFormatElement[]): Map<string, ArgumentUse[]> {
  const found = new Map<string, Set<ArgumentUse>>();
  const add = (name: string, use: ArgumentUse) => {
    const uses = found.get(name) ?? new Set<ArgumentUse>();
    uses.add(use);
    found.set(name, uses);
  };
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      if (isArgumentElement(el)) add(el.value, 'text');
      else if (isNumberElement(el)) add(el.value, 'number');
      else if (isDateElement(el)) add(el.value, 'date');
      else if (isTimeElement(el)) add(el.value, 'time');
      else if (isPluralElement(el) || isSelectElement(el)) {
        add(el.value, isPluralElement(el) ? 'plural' : 'select');
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (isTagElement(el)) walk(el.children);
    }
  };
  walk(ast);
  return new Map([...found].map(([name, uses]) => [name, [...uses].sort()]));
}
