import './pair-view.css';

import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef } from 'react';

import type { MediaId } from '../../../domain/case/media';
import type { SeriesLink } from '../../../domain/grouping';
import type { WaymarkDatabase } from '../../db/database';
import { useT } from '../../i18n/use-t';
import { useBlobUrl } from '../../ui/use-blob-url';
import { useReveal, useWellnessSettings, wellnessFilter } from '../wellness/wellness.store';
import { evidenceLines, overlayOf } from './link-evidence';

/**
 * Two images side by side with what joined them: the evidence in words, and on each thumbnail the
 * matched region outlined and the agreeing keypoints dotted (an SVG over the image, in the image's
 * own fractions). The thumbnails stay blurred and grayscale as the wellness settings say; each is
 * revealed on its own, on click, and blurs again by itself. The outlines are drawn unblurred, so the
 * explanation can be read without looking at the picture.
 */
export function PairView(props: {
  db: WaymarkDatabase;
  link: SeriesLink;
  self: string;
  onClose: () => void;
}) {
  const t = useT();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const { link } = props;
  // This image first, then the other.
  const sides: ('a' | 'b')[] = link.a === props.self ? ['a', 'b'] : ['b', 'a'];
  return (
    <dialog ref={ref} className="dialog pair-view" aria-labelledby={titleId} onClose={props.onClose}>
      <header className="pair-view-header">
        <h2 id={titleId}>{t('pair.title')}</h2>
        <button type="button" onClick={() => ref.current?.close()}>
          {t('common.close')}
        </button>
      </header>
      <ul className="pair-view-evidence">
        {evidenceLines(t, link, props.self).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="pair-view-images">
        {sides.map((side) => (
          <PairImage
            key={side}
            db={props.db}
            id={(side === 'a' ? link.a : link.b) as MediaId}
            link={link}
            side={side}
          />
        ))}
      </div>
      <p className="hint">{t('pair.legend')}</p>
    </dialog>
  );
}

function PairImage(props: { db: WaymarkDatabase; id: MediaId; link: SeriesLink; side: 'a' | 'b' }) {
  const t = useT();
  const data = useLiveQuery(
    async () => ({
      media: await props.db.media.get(props.id),
      thumb: await props.db.thumbnails.get(props.id),
    }),
    [props.db, props.id],
  );
  const url = useBlobUrl(data?.thumb?.blob);
  const settings = useWellnessSettings();
  const { revealedId, reveal } = useReveal();
  const revealed = revealedId === props.id;
  const overlay = overlayOf(props.link, props.side);
  const name = data?.media?.firstPath.slice(data.media.firstPath.lastIndexOf('/') + 1) ?? '';
  const width = data?.thumb?.width ?? 1;
  const height = data?.thumb?.height ?? 1;
  return (
    <figure className="pair-image">
      <button
        type="button"
        className="pair-image-stage"
        aria-pressed={revealed}
        aria-label={revealed ? t('common.blurAgain') : t('originals.reveal')}
        onClick={() => reveal(props.id, settings.revealSeconds)}
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        {url ? <img src={url} alt="" style={{ filter: wellnessFilter(settings, revealed) }} /> : null}
        <svg viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
          {overlay.rects.map((r, k) => (
            <rect
              key={k}
              className={k === 0 ? 'matched' : 'contained'}
              x={r[0]}
              y={r[1]}
              width={r[2]! - r[0]!}
              height={r[3]! - r[1]!}
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {overlay.points.map(([x, y], k) => (
            <ellipse key={k} cx={x} cy={y} rx={0.008} ry={0.008 * (width / height)} />
          ))}
        </svg>
      </button>
      <figcaption>{name}</figcaption>
    </figure>
  );
}
