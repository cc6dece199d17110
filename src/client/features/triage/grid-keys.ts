/**
 * Keyboard moves in a grid of `count` cells laid out in rows of `columns`. Pure, so it is tested
 * without a DOM. Returns the new cursor, or null when the key is not a move.
 */
export function moveCursor(
  key: string,
  cursor: number,
  count: number,
  columns: number,
  pageRows = 4,
): number | null {
  if (count === 0) return null;
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowRight':
      return clamp(cursor + 1);
    case 'ArrowLeft':
      return clamp(cursor - 1);
    case 'ArrowDown':
      return clamp(cursor + columns);
    case 'ArrowUp':
      return clamp(cursor - columns);
    case 'PageDown':
      return clamp(cursor + columns * pageRows);
    case 'PageUp':
      return clamp(cursor - columns * pageRows);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
