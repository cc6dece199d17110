import { memo, type MouseEvent } from 'react';

import type { MediaId } from '../../../domain/case/media';
import { useT } from '../../i18n/use-t';
import type { CellData } from './grid-cells';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** One cell as the grid hands it to its row: the id, its data and thumbnail URL once read. */
export interface RowCell {
  readonly id: MediaId;
  readonly data: CellData | undefined;
  readonly url: string | undefined;
}

export interface GridRowProps {
  readonly cells: readonly RowCell[];
  /** Index of the row's first cell in the whole list. */
  readonly firstIndex: number;
  readonly total: number;
  /** The cursor's index in the whole list when it is in this row, else -1 (so other rows stay put). */
  readonly cursor: number;
  readonly selected: ReadonlySet<MediaId>;
  readonly revealedId: string | null;
  /** The CSS filter for images that are not revealed (wellness settings). */
  readonly concealedFilter: string;
  readonly categoryLabel: (category: number | null) => string;
  readonly cellId: (index: number) => string;
  readonly onActivate: (index: number, id: MediaId, event: MouseEvent) => void;
}

/** One virtual row of cells; its data comes from the grid's shared cell cache. */
function GridRowView(props: GridRowProps) {
  const t = useT();
  return (
    <div role="row" className="grid-row">
      {props.cells.map(({ id, data, url }, i) => {
        const index = props.firstIndex + i;
        const category = data?.category ?? null;
        const label = props.categoryLabel(category);
        const revealed = props.revealedId === id;
        const selected = props.selected.has(id);
        return (
          <div
            key={id}
            id={props.cellId(index)}
            role="gridcell"
            aria-selected={selected}
            aria-label={t('triage.cell', {
              n: index + 1,
              total: props.total,
              name: baseName(data?.firstPath ?? ''),
              category: label,
            })}
            className={`grid-cell${index === props.cursor ? ' cursor' : ''}${selected ? ' selected' : ''}`}
            data-category={category ?? 'none'}
            onClick={(event) => props.onActivate(index, id, event)}
          >
            {url ? (
              <img
                src={url}
                alt=""
                draggable={false}
                decoding="async"
                data-revealed={revealed}
                style={{ filter: revealed ? 'none' : props.concealedFilter }}
              />
            ) : (
              <span className="grid-placeholder" />
            )}
            <span className="grid-category">{label}</span>
          </div>
        );
      })}
    </div>
  );
}

function sameCells(a: readonly RowCell[], b: readonly RowCell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.data !== y.data || x.url !== y.url) return false;
  }
  return true;
}

/**
 * Rows re-render only when something they show changed: while scrolling, the rows that stay on screen
 * are not rendered again for the rows that scroll in, nor when a batch of other cells is read.
 */
export const GridRow = memo(GridRowView, (before, after) => {
  const { cells: a, ...restBefore } = before;
  const { cells: b, ...restAfter } = after;
  for (const key of Object.keys(restBefore) as (keyof typeof restBefore)[])
    if (restBefore[key] !== restAfter[key]) return false;
  return sameCells(a, b);
});
