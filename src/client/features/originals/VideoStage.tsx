import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';

import type { MediaId } from '../../../domain/case/media';
import {
  addSegment,
  removeSegment,
  setSegmentCategory,
  type VideoSegment,
} from '../../../domain/video/video-segments';
import { setVideoSegments } from '../../db/video-segments.repository';
import type { FilmstripFrame, WaymarkDatabase } from '../../db/database';
import { useT } from '../../i18n/use-t';
import { formatDuration } from '../../ui/format-duration';
import { useBlobUrl } from '../../ui/use-blob-url';

/**
 * A video in the full view: the original from the analyst's file (never uploaded, never stored),
 * played by the browser under the same wellness filter as images (the filter is on the picture only,
 * so the controls stay readable). Its own controls: play/pause, one frame back or forward (the stream's
 * frame rate; pauses first), and the key frames as chapters (each seeks to its time). Keys: K play or
 * pause, comma and period step a frame.
 *
 * Review segments: I marks where a segment starts, O where it ends (the segment is made and chosen),
 * a category key (a digit of the case's scheme) categorizes the chosen segment, Delete removes it.
 * The whole video is categorized in the grid, like an image.
 */
export interface VideoStageProps {
  readonly db: WaymarkDatabase;
  readonly mediaId: MediaId;
  readonly name: string;
  readonly fps: number;
  readonly original: Blob | undefined;
  readonly filter: string;
  readonly durationMs: number;
  readonly segments: readonly VideoSegment[];
  readonly categoryLabel: (value: number | null) => string;
  readonly categoryForKey: (key: string) => number | undefined;
}

export function VideoStage(props: VideoStageProps) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const url = useBlobUrl(props.original);
  const strip = useLiveQuery(() => props.db.filmstrips.get(props.mediaId), [props.db, props.mediaId]);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [failed, setFailed] = useState(false);
  const fps = props.fps > 0 ? props.fps : 1;
  // Frame n is on screen from n/fps until (n+1)/fps.
  const frameAt = (seconds: number) => Math.floor(seconds * fps + 1e-6);
  const frame = frameAt(time);
  const [markIn, setMarkIn] = useState<number | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [segmentError, setSegmentError] = useState(false);
  const { db, mediaId, segments, durationMs } = props;
  const save = useCallback(
    (next: readonly VideoSegment[]) => {
      setSegmentError(false);
      setVideoSegments(db, mediaId, next).catch(() => setSegmentError(true));
    },
    [db, mediaId],
  );
  const now = () => Math.round((video.current?.currentTime ?? time) * 1000);
  const markStart = () => setMarkIn(now());
  const markEnd = () => {
    if (markIn === null) return;
    const added = addSegment(segments, markIn, now(), durationMs);
    setMarkIn(null);
    if (!added) return;
    setChosen(added.index);
    save(added.segments);
  };
  const categorize = (category: number) => {
    if (chosen === null || !segments[chosen]) return false;
    save(setSegmentCategory(segments, chosen, category));
    return true;
  };
  const remove = (index: number) => {
    setChosen(null);
    save(removeSegment(segments, index));
  };

  const step = useCallback(
    (frames: number) => {
      const v = video.current;
      if (!v) return;
      v.pause();
      // Aim at the middle of the target frame, so rounding never lands on its neighbour.
      const target = Math.max(0, Math.floor(v.currentTime * fps + 1e-6) + frames);
      v.currentTime = Math.min(v.duration || Infinity, (target + 0.5) / fps);
      setTime((target + 0.5) / fps);
    },
    [fps],
  );
  const toggle = useCallback(() => {
    const v = video.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => setPlaying(false));
    else v.pause();
  }, []);
  const seek = (seconds: number) => {
    const v = video.current;
    if (!v) return;
    v.pause();
    v.currentTime = seconds;
    setTime(seconds);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement) return;
      if (event.key === ',') step(-1);
      else if (event.key === '.') step(1);
      else if (event.key === 'k' || event.key === 'K') toggle();
      else if (event.key === 'i' || event.key === 'I') markStart();
      else if (event.key === 'o' || event.key === 'O') markEnd();
      else if (event.key === 'Delete' && chosen !== null) remove(chosen);
      else {
        const category = props.categoryForKey(event.key);
        if (category === undefined || !categorize(category)) return;
      }
      event.preventDefault();
    };
    const dialog = video.current?.closest('dialog');
    dialog?.addEventListener('keydown', onKey);
    return () => dialog?.removeEventListener('keydown', onKey);
  });

  if (!url) return null;
  return (
    <div className="video-stage">
      {failed ? <p className="error">{t('originals.video.undecodable')}</p> : null}
      <video
        ref={video}
        src={url}
        aria-label={props.name}
        data-source="original"
        preload="auto"
        playsInline
        style={{ filter: props.filter }}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onSeeked={(e) => setTime(e.currentTarget.currentTime)}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onError={() => setFailed(true)}
      />
      <div className="video-controls" role="group" aria-label={t('originals.video.controls')}>
        <button type="button" onClick={() => step(-1)} aria-keyshortcuts=",">
          {t('originals.video.previousFrame')}
        </button>
        <button type="button" onClick={toggle} aria-pressed={playing} aria-keyshortcuts="K">
          {playing ? t('originals.video.pause') : t('originals.video.play')}
        </button>
        <button type="button" onClick={() => step(1)} aria-keyshortcuts=".">
          {t('originals.video.nextFrame')}
        </button>
        <output className="video-position" aria-live="polite">
          {t('originals.video.position', { frame, time: formatDuration(time * 1000, true) })}
        </output>
      </div>
      <div className="video-segment-controls" role="group" aria-label={t('originals.video.segmentControls')}>
        <button type="button" onClick={markStart} aria-keyshortcuts="I" aria-pressed={markIn !== null}>
          {t('originals.video.markIn')}
        </button>
        <button type="button" onClick={markEnd} aria-keyshortcuts="O" disabled={markIn === null}>
          {t('originals.video.markOut')}
        </button>
        <output aria-live="polite">
          {markIn !== null
            ? t('originals.video.markedIn', { time: formatDuration(markIn, true) })
            : segments.length === 0
              ? t('originals.video.noSegments')
              : ''}
        </output>
      </div>
      {segmentError ? (
        <p role="alert" className="error">
          {t('originals.video.segmentsNotSaved')}
        </p>
      ) : null}
      <SegmentList
        segments={segments}
        chosen={chosen}
        onChoose={setChosen}
        onRemove={remove}
        categoryLabel={props.categoryLabel}
      />
      {strip && strip.frames.length > 0 ? (
        <Chapters frames={strip.frames} filter={props.filter} current={time} onSeek={seek} />
      ) : null}
    </div>
  );
}

function Chapters(props: {
  frames: readonly FilmstripFrame[];
  filter: string;
  current: number;
  onSeek: (seconds: number) => void;
}) {
  const t = useT();
  // The chapter playing: the last key frame at or before the current time.
  let at = -1;
  props.frames.forEach((f, i) => {
    if (f.timestamp <= props.current + 1e-3) at = i;
  });
  return (
    <nav aria-label={t('originals.video.chapters')}>
      <ol className="video-chapters">
        {props.frames.map((f, i) => (
          <li key={f.frame}>
            <ChapterButton frame={f} filter={props.filter} current={i === at} onSeek={props.onSeek} />
          </li>
        ))}
      </ol>
    </nav>
  );
}

function ChapterButton(props: {
  frame: FilmstripFrame;
  filter: string;
  current: boolean;
  onSeek: (seconds: number) => void;
}) {
  const t = useT();
  const url = useBlobUrl(props.frame.blob);
  const time = formatDuration(props.frame.timestamp * 1000);
  return (
    <button
      type="button"
      aria-current={props.current ? 'step' : undefined}
      aria-label={t('originals.video.chapter', { time, frame: props.frame.frame })}
      onClick={() => props.onSeek(props.frame.timestamp)}
    >
      {url ? <img src={url} alt="" style={{ filter: props.filter }} /> : null}
      <span>{time}</span>
    </button>
  );
}

/** A video's segments, each with its span and category; choosing one lets a key categorize it. */
export function SegmentList(props: {
  segments: readonly VideoSegment[];
  chosen: number | null;
  onChoose?: (index: number) => void;
  onRemove: (index: number) => void;
  categoryLabel: (value: number | null) => string;
}) {
  const t = useT();
  if (props.segments.length === 0) return null;
  return (
    <ol className="video-segments" aria-label={t('originals.video.segments')}>
      {props.segments.map((s, i) => {
        const span = { from: formatDuration(s.startMs, true), to: formatDuration(s.endMs, true) };
        const text = t('originals.video.segment', { ...span, category: props.categoryLabel(s.category) });
        return (
          <li key={`${s.startMs}-${s.endMs}-${i}`}>
            {props.onChoose ? (
              <button type="button" aria-pressed={props.chosen === i} onClick={() => props.onChoose?.(i)}>
                {text}
              </button>
            ) : (
              <span>{text}</span>
            )}{' '}
            <button
              type="button"
              aria-label={t('originals.video.removeSegment', span)}
              onClick={() => props.onRemove(i)}
            >
              ✕
            </button>
          </li>
        );
      })}
    </ol>
  );
}
