import './originals.css';

import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { useT } from '../../i18n/use-t';
import { useBlobUrl } from '../../ui/use-blob-url';
import { LARGE_VIEW_BLUR, useReveal, useWellnessSettings, wellnessFilter } from '../wellness/wellness.store';
import { removeSegment } from '../../../domain/video/video-segments';
import { setVideoSegments } from '../../db/video-segments.repository';
import { ExportVpdq } from './ExportVpdq';
import { OpenOriginal } from './OpenOriginal';
import { useOriginal } from './session-originals';
import { SegmentList, VideoStage } from './VideoStage';

/**
 * One image at full size, in a modal dialog (native <dialog>: focus stays inside, Escape closes, focus
 * returns to the grid). The original when this session has it (added in this tab, or opened here and
 * checked by SHA-256), else the thumbnail with the way to open the original. Wellness as in the grid:
 * blurred (in proportion to the view, not a thumbnail's 12 px) and grayscale until revealed, and the
 * reveal times out. "Actual size" is offered only while
 * revealed (a 12 px blur hides little of a full-size image) and ends with the reveal.
 * The original is shown turned by its EXIF orientation, as its thumbnail is (the hashes use the
 * pixels as stored; dihedral matching makes that orientation-proof).
 */
export function FullView(props: {
  db: WaymarkDatabase;
  mediaId: MediaId;
  onClose: () => void;
  /** The case's category names, and the category a key gives (digits under the case's scheme). */
  categoryLabel: (value: number | null) => string;
  categoryForKey: (key: string) => number | undefined;
}) {
  const t = useT();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const media = useLiveQuery(() => props.db.media.get(props.mediaId), [props.db, props.mediaId]);
  const thumb = useLiveQuery(() => props.db.thumbnails.get(props.mediaId), [props.db, props.mediaId]);
  const original = useOriginal(media?.sha256);
  const originalUrl = useBlobUrl(original);
  const thumbUrl = useBlobUrl(thumb?.blob);
  const settings = useWellnessSettings();
  const { revealedId, reveal } = useReveal();
  const revealed = revealedId === props.mediaId;
  const [actualSize, setActualSize] = useState(false);
  const [undecodable, setUndecodable] = useState(false);
  const zoomed = actualSize && revealed;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement) return;
    if (event.key === 'r' || event.key === 'R') {
      event.preventDefault();
      reveal(props.mediaId, settings.revealSeconds);
    } else if ((event.key === 'z' || event.key === 'Z') && revealed && media?.kind !== 'video') {
      event.preventDefault();
      setActualSize((a) => !a);
    }
  };

  const isVideo = media?.kind === 'video';
  // A video's original plays in the video stage; the image element only ever shows its card picture.
  const url = isVideo ? (original ? undefined : thumbUrl) : (originalUrl ?? thumbUrl);
  const name = media?.firstPath ?? '';
  const filter = wellnessFilter(settings, revealed, LARGE_VIEW_BLUR);
  return (
    <dialog
      ref={ref}
      className="dialog full-view"
      aria-labelledby={titleId}
      onClose={props.onClose}
      onKeyDown={onKeyDown}
    >
      <header className="full-view-header">
        <h2 id={titleId}>{t('originals.fullViewOf', { name })}</h2>
        <button
          type="button"
          aria-pressed={revealed}
          onClick={() => reveal(props.mediaId, settings.revealSeconds)}
        >
          {revealed ? t('common.blurAgain') : t('originals.reveal')}
        </button>
        {isVideo ? null : (
          <button
            type="button"
            disabled={!revealed}
            aria-pressed={zoomed}
            onClick={() => setActualSize((a) => !a)}
          >
            {zoomed ? t('originals.fit') : t('originals.actualSize')}
          </button>
        )}
        {isVideo ? <ExportVpdq db={props.db} mediaId={props.mediaId} name={name} /> : null}
        <button type="button" onClick={() => ref.current?.close()}>
          {t('common.close')}
        </button>
      </header>
      <div className="full-view-stage" data-zoom={zoomed ? 'actual' : 'fit'}>
        {url && !undecodable ? (
          <img
            src={url}
            alt={name}
            data-source={originalUrl ? 'original' : 'thumbnail'}
            style={{ filter }}
            onError={() => setUndecodable(true)}
          />
        ) : null}
        {undecodable ? <p className="error">{t('originals.undecodable')}</p> : null}
        {isVideo && original ? (
          <VideoStage
            db={props.db}
            mediaId={props.mediaId}
            name={name}
            fps={media.fps ?? 1}
            original={original}
            filter={filter}
            durationMs={media.durationMs ?? 0}
            segments={media.segments ?? []}
            categoryLabel={props.categoryLabel}
            categoryForKey={props.categoryForKey}
          />
        ) : null}
      </div>
      {isVideo && !original && media ? (
        // The review's segments stay readable (and removable) without the original; marking needs it.
        <SegmentList
          segments={media.segments ?? []}
          chosen={null}
          onRemove={(i) =>
            void setVideoSegments(props.db, props.mediaId, removeSegment(media.segments ?? [], i))
          }
          categoryLabel={props.categoryLabel}
        />
      ) : null}
      {!original && media ? (
        <div className="full-view-original">
          <p className="notice">{t('originals.thumbnailOnly')}</p>
          <OpenOriginal sha256={media.sha256} />
        </div>
      ) : null}
      <p className="hint">{t(isVideo ? 'originals.video.keys' : 'originals.keys')}</p>
    </dialog>
  );
}
