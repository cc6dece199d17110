import { describe, expect, it } from 'vitest';

import { moveCursor } from './grid-keys';

describe('moveCursor', () => {
  it.each([
    ['ArrowRight', 4, 5],
    ['ArrowRight', 9, 9],
    ['ArrowLeft', 0, 0],
    ['ArrowDown', 1, 5],
    ['ArrowDown', 8, 9],
    ['ArrowUp', 5, 1],
    ['PageDown', 0, 9],
    ['Home', 7, 0],
    ['End', 2, 9],
  ])('%s from %i in 10 cells of 4 columns -> %i', (key, from, to) => {
    expect(moveCursor(key, from, 10, 4)).toBe(to);
  });

  it('ignores other keys and empty grids', () => {
    expect(moveCursor('a', 0, 10, 4)).toBeNull();
    expect(moveCursor('ArrowDown', 0, 0, 4)).toBeNull();
  });
});
