import type { ClueType } from './clue';

/**
 * The text sheet that goes with a clue crop shared outside the unit (Europol "Trace an Object"):
 * the clue type, the question to ask and the case reference, and nothing else. No note, no author, no
 * dates, no file names: whatever leaves the unit is what the officer chose to share.
 */
export interface TraceSheet {
  readonly clueTypeLabel: string;
  readonly question: string;
  readonly caseReference: string;
}

export interface TraceSheetLabels {
  readonly clueType: string;
  readonly question: string;
  readonly caseReference: string;
}

export const TRACE_QUESTION_MAX_LENGTH = 500;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function traceSheetText(sheet: TraceSheet, labels: TraceSheetLabels): string {
  return [
    `${labels.clueType}: ${oneLine(sheet.clueTypeLabel)}`,
    `${labels.question}: ${oneLine(sheet.question)}`,
    `${labels.caseReference}: ${oneLine(sheet.caseReference)}`,
    '',
  ].join('\n');
}

export function checkTraceQuestion(question: string): 'empty' | 'too-long' | null {
  const text = oneLine(question);
  if (!text) return 'empty';
  if (text.length > TRACE_QUESTION_MAX_LENGTH) return 'too-long';
  return null;
}

/** File names that say what the file is and nothing about the case, the image or its path. */
export function traceFileName(clueId: string, type: ClueType, extension: 'png' | 'txt'): string {
  return `trace-${type}-${clueId.slice(-6).toLowerCase()}.${extension}`;
}
