import type { ListHashName, ListProblem } from '../../domain/hashlists/list-problem';
import type { IssuePosition } from '../../domain/hashlists/stream-parser';
import type { JsonSyntax } from '../../domain/vics/json-stream';
import type { ValueKind } from '../../domain/vics/vics-values';
import { isolate } from './bidi-isolate';
import type { Translate } from './translate';

/**
 * List problems in the analyst's language. Keys derive from the domain's closed sets, so a new
 * problem code, JSON syntax error or value kind is a compile error here until English has its
 * message (and a test failure until every language has it: catalogs.test.ts).
 */
export const listProblemKey = (code: ListProblem['code']) => `lists.problem.${code}` as const;
export const jsonSyntaxKey = (syntax: JsonSyntax) => `lists.problem.json.${syntax}` as const;
export const valueKindKey = (kind: ValueKind) => `lists.problem.expected.${kind}` as const;

/** Hash names are proper nouns, the same in every language. */
const HASH_NAMES: Readonly<Record<ListHashName, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  pdq: 'PDQ',
};

/** One problem, without its position ("quality “x” is not a whole number from 0 to 100; ignored"). */
export function listProblemText(t: Translate, problem: ListProblem): string {
  // Positions are worded by the caller's message (line, entry); only the problem's own fields go in,
  // text from the file isolated so it keeps its direction inside a right-to-left sentence.
  const { code, ...fields } = withoutPosition(problem);
  const params = Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, typeof value === 'string' ? isolate(value) : value]),
  ) as Record<string, string | number>;
  switch (problem.code) {
    case 'not-json':
      return t(listProblemKey(code), {
        reason: t(jsonSyntaxKey(problem.syntax), { text: isolate(problem.text) }),
      });
    case 'field-unreadable':
      return t(listProblemKey(code), { ...params, expected: t(valueKindKey(problem.expected)) });
    case 'bad-hash':
      return t(listProblemKey(code), { ...params, hash: isolate(HASH_NAMES[problem.hash]) });
    case 'entry-not-object':
      return t(listProblemKey(code), { found: problem.found });
    default:
      return t(listProblemKey(code), params);
  }
}

function withoutPosition(problem: ListProblem & Partial<IssuePosition>): ListProblem {
  const { line: _line, column: _column, entry: _entry, ...rest } = problem;
  return rest;
}
