/**
 * The shape every list and VICS parser shares, so the app can run any of them in a worker: text goes in
 * as chunks (strings), items come out in batches, and problems carry where they are.
 *
 * Invariant: a parser reports at most one fatal problem, and after it every push yields nothing. The
 * caller commits an import only when `end()` returns `fatal: null` ("a fatal error imports nothing");
 * warnings are entries skipped (or fields dropped) with a reason, and never stop the import. Problems
 * are codes (list-problem.ts), never sentences.
 */
import type { ListProblem } from './list-problem';

/** Where a problem is in the file. */
export interface IssuePosition {
  /** 1-based line of the offending text. */
  readonly line: number;
  /** 1-based column (UTF-16 code units), when known. */
  readonly column?: number;
  /** 1-based ordinal of the entry in the file (counting skipped ones), when the problem is in an entry. */
  readonly entry?: number;
}

/** A problem (a code with its parameters, worded by the app and the CLI) and where it is. */
export type ParseIssue = ListProblem & IssuePosition;

export interface ParseBatch<T> {
  readonly items: T[];
  readonly warnings: ParseIssue[];
}

export interface ParseEnd<T> extends ParseBatch<T> {
  /** Null when the file was read to the end without a fatal problem. */
  readonly fatal: ParseIssue | null;
}

export interface ChunkParser<T> {
  push(chunk: string): ParseBatch<T>;
  /** Signals the end of the text; flushes the last items. Call once. */
  end(): ParseEnd<T>;
  /** The fatal problem met so far, if any. */
  readonly fatal: ParseIssue | null;
}
