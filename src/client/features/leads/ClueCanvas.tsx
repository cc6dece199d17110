import { useRef, useState, type PointerEvent } from 'react';

import { regionFromDrag, type ClueRegion } from '../../../domain/leads/clue';
import { useT } from '../../i18n/use-t';

interface Point {
  x: number;
  y: number;
}

/**
 * The larger view of one image, where a clue is drawn by dragging. It follows the wellness rules of
 * the grid: blurred (and grayscale) unless revealed, and the reveal times out. Rectangles are placed
 * with physical left/top on purpose: they map image pixels, and the image does not mirror in RTL.
 */
export function ClueCanvas(props: {
  url: string | undefined;
  imageLabel: string;
  filter: string;
  revealed: boolean;
  onReveal: () => void;
  regions: readonly { id: string; region: ClueRegion; label: string }[];
  draft: ClueRegion | null;
  onDraw: (region: ClueRegion) => void;
}) {
  const t = useT();
  const imgRef = useRef<HTMLImageElement>(null);
  const [drag, setDrag] = useState<{ from: Point; to: Point } | null>(null);

  const at = (event: PointerEvent): Point => {
    const rect = imgRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return { x: 0, y: 0 };
    return { x: (event.clientX - rect.left) / rect.width, y: (event.clientY - rect.top) / rect.height };
  };
  const live = drag ? regionFromDrag(drag.from, drag.to) : null;
  const box = (r: ClueRegion) => ({
    left: `${r.x * 100}%`,
    top: `${r.y * 100}%`,
    width: `${r.width * 100}%`,
    height: `${r.height * 100}%`,
  });

  return (
    <figure className="clue-canvas">
      <div
        className="clue-stage"
        role="img"
        aria-label={t('leads.canvas.label', { name: props.imageLabel })}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          const p = at(event);
          setDrag({ from: p, to: p });
        }}
        onPointerMove={(event) => {
          if (drag) setDrag({ from: drag.from, to: at(event) });
        }}
        onPointerUp={(event) => {
          if (!drag) return;
          const region = regionFromDrag(drag.from, at(event));
          setDrag(null);
          if (region) props.onDraw(region);
        }}
        onPointerCancel={() => setDrag(null)}
      >
        {props.url ? (
          <img
            ref={imgRef}
            src={props.url}
            alt=""
            draggable={false}
            data-revealed={props.revealed}
            style={{ filter: props.revealed ? 'none' : props.filter }}
          />
        ) : (
          <span className="clue-placeholder">{t('common.loading')}</span>
        )}
        {props.regions.map((r) => (
          <span key={r.id} className="clue-box" style={box(r.region)} title={r.label} />
        ))}
        {props.draft ? <span className="clue-box draft" style={box(props.draft)} /> : null}
        {live ? <span className="clue-box drawing" style={box(live)} /> : null}
      </div>
      <figcaption>
        <button type="button" className="button" onClick={props.onReveal} aria-pressed={props.revealed}>
          {props.revealed ? t('common.blurAgain') : t('leads.canvas.reveal')}
        </button>
        <span className="muted">{t('leads.canvas.help')}</span>
      </figcaption>
    </figure>
  );
}
