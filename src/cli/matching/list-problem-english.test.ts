import { describe, expect, it } from 'vitest';

import {
  HASH_PROBLEM_SAMPLES,
  HASH_PROBLEM_SHOWN,
  JSON_SYNTAXES,
  LIST_PROBLEM_SAMPLES,
  LIST_PROBLEM_SHOWN,
} from '../../domain/testing/problem-samples';
import { hashProblemEnglish } from '../hashing/hash-problem-english';
import { listProblemEnglish, parseIssueEnglish } from './list-problem-english';

describe('the CLI’s English for problem codes', () => {
  it('words every list problem with its values', () => {
    const sentences = new Set<string>();
    for (const [code, problem] of Object.entries(LIST_PROBLEM_SAMPLES)) {
      const text = listProblemEnglish(problem);
      for (const value of LIST_PROBLEM_SHOWN[problem.code]) expect(text, code).toContain(String(value));
      sentences.add(text);
    }
    expect(sentences.size).toBe(Object.keys(LIST_PROBLEM_SAMPLES).length);
    const syntax = new Set(
      JSON_SYNTAXES.map((s) => listProblemEnglish({ code: 'not-json', syntax: s, text: '@' })),
    );
    expect(syntax.size).toBe(JSON_SYNTAXES.length);
  });

  it('puts the position first', () => {
    expect(parseIssueEnglish({ code: 'bad-quality', value: 'high', line: 3, entry: 2 })).toBe(
      'line 3, entry 2: quality "high" is not a whole number from 0 to 100; ignored',
    );
  });

  it('words every hashing problem, with the decoder’s words after a colon', () => {
    for (const [code, problem] of Object.entries(HASH_PROBLEM_SAMPLES)) {
      const text = hashProblemEnglish({ problem });
      for (const value of HASH_PROBLEM_SHOWN[problem.code])
        expect(text.replace(/,/g, ''), code).toContain(String(value));
    }
    expect(
      hashProblemEnglish({
        problem: { code: 'corrupt-image', format: 'jpeg' },
        detail: 'premature end of JPEG image.',
      }),
    ).toBe(
      'The file looks like a JPEG image but could not be decoded (corrupt or truncated): premature end of JPEG image.',
    );
  });
});
