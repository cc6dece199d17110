import { describe, expect, it } from 'vitest';

import { checkTraceQuestion, traceFileName, traceSheetText } from './trace-sheet';

const labels = { clueType: 'Clue type', question: 'Question', caseReference: 'Case reference' };

describe('trace-an-object sheet', () => {
  it('holds the clue type, the question and the case reference, one per line, and nothing else', () => {
    const text = traceSheetText(
      { clueTypeLabel: 'Logo', question: 'Do you recognise\nthis logo?  ', caseReference: 'Op Lantern' },
      labels,
    );
    expect(text).toBe('Clue type: Logo\nQuestion: Do you recognise this logo?\nCase reference: Op Lantern\n');
    expect(text.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('needs a question of reasonable length', () => {
    expect(checkTraceQuestion('  ')).toBe('empty');
    expect(checkTraceQuestion('x'.repeat(501))).toBe('too-long');
    expect(checkTraceQuestion('Where is this sold?')).toBeNull();
  });

  it('names files without the case, the image or its path', () => {
    expect(traceFileName('01JDQ7ZK3M8V4N2X9R5T6W7Y8Z', 'logo', 'png')).toBe('trace-logo-6w7y8z.png');
    expect(traceFileName('01JDQ7ZK3M8V4N2X9R5T6W7Y8Z', 'text', 'txt')).toBe('trace-text-6w7y8z.txt');
  });
});
