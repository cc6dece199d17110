import { memo } from 'react';

import type { MediaId, SeriesId } from '../../../domain/case/media';
import type { Translate } from '../../i18n/translate';
import { formatDuration } from '../../ui/format-duration';
import type { CellData } from './use-visible-media';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export interface GridRowProps {
  /** Every id of the grid; the row shows `count` of them from `firstIndex`. */
  readonly ids: readonly MediaId[];
  readonly firstIndex: number;
  readonly count: number;
  /** 1-based position among all rows (virtualized: only some rows exist at a time). */
  readonly rowIndex: number;
  readonly media: ReadonlyMap<MediaId, CellData>;
  readonly urls: ReadonlyMap<MediaId, string>;
  /** The cursor's position in this row, or -1. */
  readonly cursorAt: number;
  readonly selected: ReadonlySet<MediaId>;
  readonly revealedId: string | null;
  /** The CSS filter for images that are not revealed (wellness settings). */
  readonly concealedFilter: string;
  readonly categoryLabel: (category: number | null) => string;
  /** The series the grid shows, when one is chosen: a video of another series is marked linked. */
  readonly seriesShown?: SeriesId | undefined;
  /** The grid's translator: one per grid, not one per row (each builds Intl formatters). */
  readonly t: Translate;
  /** Cell ids are `${cellIdBase}-cell-${index}`. */
  readonly cellIdBase: string;
  readonly onActivate: (index: number, id: MediaId, event: React.MouseEvent) => void;
}

export function cellId(base: string, index: number): string {
  return `${base}-cell-${index}`;
}

/** One virtual row of cells; its data comes from the grid's visible-window read. */
function GridRowCells(props: GridRowProps) {
  const { t } = props;
  const ids = props.ids.slice(props.firstIndex, props.firstIndex + props.count);
  return (
    <div role="row" className="grid-row" aria-rowindex={props.rowIndex}>
      {ids.map((id, i) => {
        const index = props.firstIndex + i;
        const record = props.media.get(id);
        const category = record?.category ?? null;
        const label = props.categoryLabel(category);
        const url = props.urls.get(id);
        const revealed = props.revealedId === id;
        const video = record?.durationMs !== undefined;
        // Shown here by a link (its frames show this series), a member of another series.
        const linked = video && props.seriesShown !== undefined && record.seriesId !== props.seriesShown;
        const cell = {
          n: index + 1,
          total: props.ids.length,
          name: baseName(record?.firstPath ?? ''),
          category: label,
        };
        return (
          <div
            key={id}
            id={cellId(props.cellIdBase, index)}
            role="gridcell"
            aria-selected={props.selected.has(id)}
            aria-label={
              video
                ? `${t('triage.cellVideo', { ...cell, duration: formatDuration(record.durationMs ?? 0) })}${linked ? `, ${t('triage.linkedVideo')}` : ''}`
                : t('triage.cell', cell)
            }
            data-kind={video ? 'video' : 'image'}
            data-linked={linked ? 'true' : undefined}
            className={`grid-cell${i === props.cursorAt ? ' cursor' : ''}${props.selected.has(id) ? ' selected' : ''}`}
            data-category={category ?? 'none'}
            onClick={(event) => props.onActivate(index, id, event)}
          >
            {url ? (
              <img
                src={url}
                alt=""
                draggable={false}
                data-revealed={revealed}
                style={{ filter: revealed ? 'none' : props.concealedFilter }}
              />
            ) : (
              <span className="grid-placeholder" />
            )}
            {video ? (
              <span className="grid-video-badge" aria-hidden="true">
                {`▶ ${formatDuration(record.durationMs ?? 0)}`}
              </span>
            ) : null}
            {linked ? (
              <span className="grid-linked-badge" aria-hidden="true" title={t('triage.linkedVideo')}>
                ⛓
              </span>
            ) : null}
            <span className="grid-category">{label}</span>
          </div>
        );
      })}
    </div>
  );
}

/**
 * Rows re-render only when something they show changes: the window's data maps are new on every
 * read, so they are compared by this row's entries, and every other prop is kept stable by the grid.
 */
function sameRow(a: GridRowProps, b: GridRowProps): boolean {
  for (const key of Object.keys(a) as (keyof GridRowProps)[])
    if (key !== 'media' && key !== 'urls' && a[key] !== b[key]) return false;
  for (let i = a.firstIndex; i < a.firstIndex + a.count; i++) {
    const id = a.ids[i]!;
    if (a.media.get(id) !== b.media.get(id) || a.urls.get(id) !== b.urls.get(id)) return false;
  }
  return true;
}

export const GridRow = memo(GridRowCells, sameRow);
