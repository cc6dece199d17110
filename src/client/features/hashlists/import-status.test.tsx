import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

import { createTranslator } from '../../i18n/translate';
import { ImportStatus } from './ImportListForm';
import { readingState } from './use-list-import';

// Node 20 has no navigator; the language store reads it once to pick the default language.
vi.hoisted(() => {
  if (!('navigator' in globalThis))
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-GB' }, configurable: true });
});

// A list import's progress: a vPDQ list of several files (a folder, a ZIP) counts its files read, a
// text list its entries; either way a progress bar named "Reading the list" with its value in words.
describe('list import progress', () => {
  const t = createTranslator('en');

  it('counts a vPDQ list in files read, as a named progress bar and a status', () => {
    const state = readingState('known-videos', { files: 3, totalFiles: 12, entries: 2 });
    expect(state).toEqual({
      phase: 'reading',
      name: 'known-videos',
      entries: 2,
      fraction: 0.25,
      files: { done: 3, total: 12 },
    });
    const out = renderToStaticMarkup(<ImportStatus state={state} t={t} />);
    expect(out).toContain(
      '<progress aria-label="Reading the list" max="100" value="25" aria-valuetext="3 of 12 video hash files read (25 %)">',
    );
    expect(out).toContain('<p role="status">3 of 12 video hash files read (25 %)</p>');
  });

  it('counts a text list in entries, by the share of its bytes read', () => {
    const state = readingState('vics.json', { chars: 500, totalBytes: 2000, entries: 40, warnings: 0 });
    expect(state).toEqual({ phase: 'reading', name: 'vics.json', entries: 40, fraction: 0.25 });
    const out = renderToStaticMarkup(<ImportStatus state={state} t={t} />);
    expect(out).toContain('aria-valuetext="40 entries read (25 %)"');
  });
});
