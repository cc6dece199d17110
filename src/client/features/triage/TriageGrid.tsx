import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type CSSProperties,
} from 'react';

import type { MediaId, SeriesId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { useT } from '../../i18n/use-t';
import { moveCursor } from './grid-keys';
import { cellId, GridRow } from './GridRow';
import { useVisibleMedia } from './use-visible-media';
import './triage.css';

const CELL = 132;

export interface TriageGridProps {
  readonly db: WaymarkDatabase;
  readonly ids: readonly MediaId[];
  readonly cursor: number;
  readonly onCursor: (index: number) => void;
  readonly selected: ReadonlySet<MediaId>;
  readonly onToggleSelect: (id: MediaId) => void;
  readonly revealedId: string | null;
  readonly concealedFilter: string;
  readonly categoryLabel: (category: number | null) => string;
  /** The series the grid shows, when one is chosen (a video of another series is shown linked). */
  readonly seriesShown?: SeriesId;
  /** A key that is not a move (a digit, u, Space…): handled by the screen; true when it was used. */
  readonly onCommand: (key: string, id: MediaId, event: KeyboardEvent) => boolean;
  readonly onReveal: (id: MediaId) => void;
}

/**
 * The triage grid: rows of N cells virtualized with TanStack Virtual, so only visible rows exist in
 * the DOM (and only their thumbnails in memory) whether the case has 30 or 100,000 images.
 * One tab stop: the grid itself, with aria-activedescendant pointing at the cursor cell.
 */
export function TriageGrid(props: TriageGridProps) {
  const t = useT();
  const baseId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(6);
  const rows = Math.ceil(props.ids.length / columns);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? CELL;
      setColumns(Math.max(1, Math.floor(width / CELL)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The React Compiler does not memoize this component (TanStack Virtual returns fresh functions); fine:
  // the rows below are memoized themselves (React.memo, with props kept stable here).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CELL,
    overscan: 2,
  });

  const items = virtualizer.getVirtualItems();
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items.at(-1)?.index ?? -1;
  const visibleIds = props.ids.slice(firstRow * columns, (lastRow + 1) * columns);
  const { media, urls } = useVisibleMedia(props.db, visibleIds);

  const cursorRow = Math.floor(props.cursor / columns);
  useEffect(() => {
    if (rows > 0) virtualizer.scrollToIndex(Math.min(cursorRow, rows - 1), { align: 'auto' });
  }, [cursorRow, rows, virtualizer]);

  const current = props.ids[props.cursor];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moved = moveCursor(event.key, props.cursor, props.ids.length, columns);
    if (moved !== null) {
      event.preventDefault();
      props.onCursor(moved);
      return;
    }
    if (current === undefined) return;
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      props.onReveal(current);
      return;
    }
    if (event.key === 'x') {
      event.preventDefault();
      props.onToggleSelect(current);
      return;
    }
    if (props.onCommand(event.key, current, event)) event.preventDefault();
  };

  // One handler for the grid's whole life, reading the latest props, so memoized rows stay put.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const onActivate = useCallback((index: number, id: MediaId, event: MouseEvent) => {
    const current = latest.current;
    current.onCursor(index);
    if (event.ctrlKey || event.metaKey || event.shiftKey) current.onToggleSelect(id);
    else current.onReveal(id);
    scrollRef.current?.focus();
  }, []);

  if (props.ids.length === 0) return <p className="muted">{t('triage.empty')}</p>;
  return (
    <div
      ref={scrollRef}
      className="triage-grid"
      role="grid"
      aria-label={t('triage.grid')}
      aria-rowcount={rows}
      aria-colcount={columns}
      aria-activedescendant={current ? cellId(baseId, props.cursor) : undefined}
      aria-multiselectable
      tabIndex={0}
      style={{ '--columns': columns } as CSSProperties}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const first = row.index * columns;
          return (
            <div
              key={row.key}
              style={{
                position: 'absolute',
                insetInlineStart: 0,
                top: 0,
                width: '100%',
                height: CELL,
                transform: `translateY(${row.start}px)`,
              }}
            >
              <GridRow
                ids={props.ids}
                firstIndex={first}
                rowIndex={row.index + 1}
                count={Math.min(columns, props.ids.length - first)}
                media={media}
                urls={urls}
                cursorAt={props.cursor >= first && props.cursor < first + columns ? props.cursor - first : -1}
                selected={props.selected}
                revealedId={props.revealedId}
                concealedFilter={props.concealedFilter}
                categoryLabel={props.categoryLabel}
                seriesShown={props.seriesShown}
                t={t}
                cellIdBase={baseId}
                onActivate={onActivate}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
