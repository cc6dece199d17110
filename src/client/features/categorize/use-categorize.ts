import { useCallback, useRef, useState } from 'react';

import { categoryForKey, type CategoryScheme } from '../../../domain/case/category-schemes';
import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { setCategories, type CategoryChange } from '../../db/media.repository';
import { UndoStack } from './undo-stack';

export interface Categorize {
  /** Sets the category bound to `key` under the scheme; false when the key means nothing there. */
  apply(id: MediaId, key: string): Promise<boolean>;
  /** Reverts the last categorization; returns what was restored (for the announcement), if anything. */
  undo(): Promise<CategoryChange | undefined>;
  readonly canUndo: boolean;
}

/** Keyboard categorization for one case: digits under the case's scheme, with undo. */
export function useCategorize(db: WaymarkDatabase, scheme: CategoryScheme): Categorize {
  const stack = useRef(new UndoStack<CategoryChange[]>());
  // Key presses come faster than IndexedDB writes: every change and undo runs in order on one chain.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [depth, setDepth] = useState(0);
  const apply = useCallback(
    (id: MediaId, key: string) => {
      const category = categoryForKey(scheme, key);
      if (!category) return Promise.resolve(false);
      const done = chain.current.then(async () => {
        const previous = await setCategories(db, [{ id, category: category.value }]);
        stack.current.push(previous);
        setDepth(stack.current.size);
        return true;
      });
      chain.current = done.catch(() => undefined);
      return done;
    },
    [db, scheme],
  );
  const undo = useCallback(() => {
    const done = chain.current.then(async () => {
      const entry = stack.current.pop();
      setDepth(stack.current.size);
      if (!entry) return undefined;
      await setCategories(db, entry);
      return entry[0];
    });
    chain.current = done.catch(() => undefined);
    return done;
  }, [db]);
  return { apply, undo, canUndo: depth > 0 };
}
