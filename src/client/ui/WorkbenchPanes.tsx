import {
  useEffect,
  useId,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';

import './workbench-panes.css';

export interface Pane {
  readonly id: string;
  /** The pane's name: its region label on wide screens, its tab on narrow ones. */
  readonly label: string;
  readonly content: ReactNode;
}

interface Widths {
  readonly start: number;
  readonly end: number;
}

const STORAGE_KEY = 'waymark.workbench.widths';
const DEFAULT: Widths = { start: 288, end: 320 };
const MIN = 200;
const MAX = 560;
const STEP = 16;
/** Below this width the three panes become tabs (one pane at a time). */
export const WIDE_QUERY = '(min-width: 1000px)';

function storedWidths(): Widths {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Widths> | null;
    return {
      start: clamp(typeof parsed?.start === 'number' ? parsed.start : DEFAULT.start),
      end: clamp(typeof parsed?.end === 'number' ? parsed.end : DEFAULT.end),
    };
  } catch {
    return DEFAULT;
  }
}

const clamp = (width: number) => Math.round(Math.min(MAX, Math.max(MIN, width)));

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    list.addEventListener('change', onChange);
    onChange();
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

/**
 * Three panes side by side on a wide screen (start | main | end), the outer two resizable with the
 * pointer or the keyboard (a focusable separator: arrows move it, Home/End go to the limits), widths
 * kept in localStorage. On a narrow screen the panes become tabs, main first. "Start" and "end" are
 * logical: in Arabic the start pane is on the right, and the arrows follow what the eye sees.
 */
export function WorkbenchPanes(props: {
  panes: readonly [Pane, Pane, Pane];
  tabsLabel: string;
  resizeLabels: readonly [string, string];
}) {
  const wide = useMediaQuery(WIDE_QUERY);
  const [widths, setWidths] = useState(storedWidths);
  const [tab, setTab] = useState(props.panes[1].id);
  const baseId = useId();
  const [start, main, end] = props.panes;

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(widths));
  }, [widths]);

  const resize = (side: keyof Widths, width: number) => setWidths((w) => ({ ...w, [side]: clamp(width) }));

  if (!wide) {
    const tabId = (pane: Pane) => `${baseId}-tab-${pane.id}`;
    const panelId = (pane: Pane) => `${baseId}-panel-${pane.id}`;
    const order = [main, start, end];
    const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
      const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
      const delta = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
      if (delta === undefined) return;
      event.preventDefault();
      const next = order[(index + delta + order.length) % order.length]!;
      setTab(next.id);
      document.getElementById(tabId(next))?.focus();
    };
    return (
      <div className="workbench narrow">
        <div role="tablist" aria-label={props.tabsLabel} className="workbench-tabs">
          {order.map((pane, index) => (
            <button
              key={pane.id}
              id={tabId(pane)}
              type="button"
              role="tab"
              aria-selected={tab === pane.id}
              aria-controls={panelId(pane)}
              tabIndex={tab === pane.id ? 0 : -1}
              onClick={() => setTab(pane.id)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {pane.label}
            </button>
          ))}
        </div>
        {order.map((pane) => (
          <div
            key={pane.id}
            id={panelId(pane)}
            role="tabpanel"
            aria-labelledby={tabId(pane)}
            hidden={tab !== pane.id}
            className={`workbench-pane pane-${pane.id}`}
          >
            {pane.content}
          </div>
        ))}
      </div>
    );
  }

  return (
    <div
      className="workbench wide"
      style={{ '--pane-start': `${widths.start}px`, '--pane-end': `${widths.end}px` } as CSSProperties}
    >
      <section className={`workbench-pane pane-${start.id}`} aria-label={start.label}>
        {start.content}
      </section>
      <Separator
        label={props.resizeLabels[0]}
        width={widths.start}
        grows={1}
        onResize={(w) => resize('start', w)}
      />
      <div className={`workbench-pane pane-${main.id}`}>{main.content}</div>
      <Separator
        label={props.resizeLabels[1]}
        width={widths.end}
        grows={-1}
        onResize={(w) => resize('end', w)}
      />
      <section className={`workbench-pane pane-${end.id}`} aria-label={end.label}>
        {end.content}
      </section>
    </div>
  );
}

/**
 * A splitter for the pane beside it. `grows` says which way widens that pane in reading order: +1
 * when moving towards the inline end (the start pane), -1 towards the inline start (the end pane).
 */
function Separator(props: {
  label: string;
  width: number;
  grows: 1 | -1;
  onResize: (width: number) => void;
}) {
  const [drag, setDrag] = useState<{ x: number; width: number } | null>(null);
  const inlineSign = (el: Element) => (getComputedStyle(el).direction === 'rtl' ? -1 : 1);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const sign = inlineSign(event.currentTarget) * props.grows;
    const delta = { ArrowRight: STEP * sign, ArrowLeft: -STEP * sign }[event.key];
    if (delta !== undefined) props.onResize(props.width + delta);
    else if (event.key === 'Home') props.onResize(MIN);
    else if (event.key === 'End') props.onResize(MAX);
    else return;
    event.preventDefault();
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ x: event.clientX, width: props.width });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const sign = inlineSign(event.currentTarget) * props.grows;
    props.onResize(drag.width + (event.clientX - drag.x) * sign);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      aria-valuenow={props.width}
      tabIndex={0}
      className={`workbench-separator${drag ? ' dragging' : ''}`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => setDrag(null)}
      onPointerCancel={() => setDrag(null)}
    />
  );
}
