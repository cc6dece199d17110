import { useCallback, useRef, useState } from 'react';

import type { HashListKind } from '../../../domain/hashlists/hash-list';
import type { ParseIssue } from '../../../domain/hashlists/stream-parser';
import type { VpdqListProblem } from '../../../domain/hashlists/vpdq-list';
import type { WaymarkDatabase } from '../../db/database';
import { saveImportedList } from '../../db/hash-lists.repository';
import { runListImport, type ListImportWorkerProgress } from '../../workers/hashlist-import-runner';

/** Where an import stands. A failed parse saves nothing (the fatal problem and the warnings say why). */
export type ListImportState =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'reading';
      readonly name: string;
      readonly entries: number;
      readonly fraction: number;
      /** A vPDQ list's files read so far, of all its files (a folder's, several files', a ZIP's). */
      readonly files?: { readonly done: number; readonly total: number };
    }
  | { readonly phase: 'saving'; readonly name: string; readonly entries: number }
  | {
      readonly phase: 'done';
      readonly name: string;
      readonly entries: number;
      readonly warnings: readonly ParseIssue[];
      readonly warningCount: number;
      /** A vPDQ list's files left out (a wrong line fails that video, not the list). */
      readonly fileProblems: readonly VpdqListProblem[];
    }
  | {
      readonly phase: 'failed';
      readonly name: string;
      /** The file's fatal problem, or null when the import itself failed (`error` says how). */
      readonly fatal: ParseIssue | null;
      /** A browser or storage error's own text, when the file was not the cause. */
      readonly error?: unknown;
      readonly warnings: readonly ParseIssue[];
      readonly warningCount: number;
      readonly fileProblems: readonly VpdqListProblem[];
    }
  | { readonly phase: 'cancelled' };

/** Where a read stands: a text list by its characters, a vPDQ list by its files. */
export function readingState(
  name: string,
  p: ListImportWorkerProgress,
): Extract<ListImportState, { phase: 'reading' }> {
  if ('totalFiles' in p)
    return {
      phase: 'reading',
      name,
      entries: p.entries,
      fraction: p.totalFiles > 0 ? Math.min(1, p.files / p.totalFiles) : 0,
      files: { done: p.files, total: p.totalFiles },
    };
  return {
    phase: 'reading',
    name,
    entries: p.entries,
    fraction: p.totalBytes > 0 ? Math.min(1, p.chars / p.totalBytes) : 0,
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The name a list of several files takes: their folder's, else the first file's. */
function listName(files: readonly File[]): string {
  const first = files[0]!;
  const folder = first.webkitRelativePath.split('/')[0];
  if (files.length > 1 && folder) return folder;
  return first.name;
}

/**
 * Reads a list in a worker (with progress), then stores it in one transaction. One file is any list
 * format (a ZIP or a vPDQ hash file a list of videos); several files, or a folder's, one vPDQ list.
 */
export function useListImport(db: WaymarkDatabase) {
  const [state, setState] = useState<ListImportState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (files: readonly File[], kind: HashListKind, schemeId: string) => {
      if (files.length === 0) return;
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const name = listName(files);
      setState({ phase: 'reading', name, entries: 0, fraction: 0 });
      try {
        const named = files.map((f) => ({ name: f.webkitRelativePath || f.name, blob: f }));
        const result = await runListImport(named, {
          signal: controller.signal,
          onProgress: (p) => setState(readingState(name, p)),
        });
        if (!result.ok) {
          setState({
            phase: 'failed',
            name,
            fatal: result.fatal,
            warnings: result.warnings,
            warningCount: result.warningCount,
            fileProblems: result.fileProblems ?? [],
          });
          return;
        }
        setState({ phase: 'saving', name, entries: result.entries.length });
        await saveImportedList(db, {
          name: name.replace(/\.[^.]+$/, '') || name,
          source: name,
          format: result.format,
          // A VICS file states its scheme; CSV and PDQ numbers mean what the analyst says they mean.
          schemeId: result.schemeId ?? schemeId,
          kind,
          entries: result.entries,
        });
        setState({
          phase: 'done',
          name,
          entries: result.entries.length,
          warnings: result.warnings,
          warningCount: result.warningCount,
          fileProblems: result.fileProblems ?? [],
        });
      } catch (error) {
        if (isAbort(error)) setState({ phase: 'cancelled' });
        else
          setState({
            phase: 'failed',
            name,
            fatal: null,
            error,
            warnings: [],
            warningCount: 0,
            fileProblems: [],
          });
      } finally {
        if (abort.current === controller) abort.current = null;
      }
    },
    [db],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  return { state, start, cancel };
}
