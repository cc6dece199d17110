import type { MediaId } from '../../../domain/case/media';
import { useT } from '../../i18n/use-t';
import type { CellData } from './use-visible-media';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export interface GridRowProps {
  readonly ids: readonly MediaId[];
  readonly media: ReadonlyMap<MediaId, CellData>;
  readonly urls: ReadonlyMap<MediaId, string>;
  /** Index of the row's first cell in the whole list. */
  readonly firstIndex: number;
  readonly total: number;
  readonly cursor: number;
  readonly selected: ReadonlySet<MediaId>;
  readonly revealedId: string | null;
  /** The CSS filter for images that are not revealed (wellness settings). */
  readonly concealedFilter: string;
  readonly categoryLabel: (category: number | null) => string;
  readonly cellId: (index: number) => string;
  readonly onActivate: (index: number, id: MediaId, event: React.MouseEvent) => void;
}

/** One virtual row of cells; its data comes from the grid's visible-window read. */
export function GridRow(props: GridRowProps) {
  const t = useT();
  return (
    <div role="row" className="grid-row">
      {props.ids.map((id, i) => {
        const index = props.firstIndex + i;
        const record = props.media.get(id);
        const category = record?.category ?? null;
        const label = props.categoryLabel(category);
        const url = props.urls.get(id);
        const revealed = props.revealedId === id;
        return (
          <div
            key={id}
            id={props.cellId(index)}
            role="gridcell"
            aria-selected={props.selected.has(id)}
            aria-label={t('triage.cell', {
              n: index + 1,
              total: props.total,
              name: baseName(record?.firstPath ?? ''),
              category: label,
            })}
            className={`grid-cell${index === props.cursor ? ' cursor' : ''}${props.selected.has(id) ? ' selected' : ''}`}
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
            <span className="grid-category">{label}</span>
          </div>
        );
      })}
    </div>
  );
}
