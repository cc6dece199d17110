import { describe, expect, it } from 'vitest';

import { UndoStack } from './undo-stack';

describe('UndoStack', () => {
  it('returns the latest entry first and forgets the oldest beyond its limit', () => {
    const stack = new UndoStack<number>(2);
    stack.push(1);
    stack.push(2);
    stack.push(3);
    expect(stack.size).toBe(2);
    expect(stack.pop()).toBe(3);
    expect(stack.pop()).toBe(2);
    expect(stack.pop()).toBeUndefined();
  });
});
