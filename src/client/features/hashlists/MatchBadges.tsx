import { useLiveQuery } from 'dexie-react-hooks';

import type { MediaId } from '../../../domain/case/media';
import type { MatchKind } from '../../../domain/hashlists/hash-list';
import type { VideoMatchDetail } from '../../../domain/hashlists/matcher';
import { isolate } from '../../i18n/bidi-isolate';
import type { Translate } from '../../i18n/translate';
import { formatDuration } from '../../ui/format-duration';
import type { WaymarkDatabase } from '../../db/database';
import { matchesOfMedia } from '../../db/list-matches.repository';
import { useT } from '../../i18n/use-t';
import './hashlists.css';

const KIND_LABEL: Record<MatchKind, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  pdq: 'PDQ',
  vpdq: 'vPDQ',
};

/**
 * The list matches of the image under the cursor, each with its provenance: which list and entry,
 * how it matched (exact hash or PDQ distance, rotated or mirrored), and what to be wary of.
 */
export function MatchBadges(props: {
  db: WaymarkDatabase;
  id: MediaId | undefined;
  categoryLabel: (value: number | null) => string;
}) {
  const t = useT();
  const { db, id } = props;
  const data = useLiveQuery(
    async () => (id ? { media: await db.media.get(id), matches: await matchesOfMedia(db, id) } : null),
    [db, id],
  );
  if (!data?.media) return null;
  const { media, matches } = data;
  return (
    <section className="match-badges" aria-label={t('matches.title')}>
      <h3>{t('matches.title')}</h3>
      {media.precategorizedBy && media.precategorizedCategory === media.category ? (
        <p>{t('matches.precategorized', { list: media.precategorizedBy })}</p>
      ) : null}
      {matches.length === 0 ? (
        <p className="muted">{t('matches.none')}</p>
      ) : (
        <ul>
          {matches.map((m) => (
            <li key={m.id} className={`match-badge ${m.listKind}`}>
              <span className="flag">
                {t('matches.item', {
                  list: m.listName,
                  kind: t(`lists.kind.${m.listKind}`),
                  entry: m.entryOrdinal,
                })}
              </span>
              <span>
                {m.kind === 'pdq'
                  ? t('matches.pdq', { distance: m.distance })
                  : m.kind === 'vpdq'
                    ? media.kind === 'video'
                      ? t('matches.vpdq', {
                          query: Math.round(m.video?.queryPercent ?? 0),
                          compared: Math.round(m.video?.comparedPercent ?? 0),
                          distance: m.distance,
                        })
                      : t('matches.vpdqStill', { distance: m.distance })
                    : t('matches.exact', { kind: KIND_LABEL[m.kind] })}
                {m.dihedral !== undefined && m.dihedral !== 0 ? `, ${t('matches.dihedral')}` : ''}
              </span>
              {m.category !== null ? (
                <span className="detail">
                  {' '}
                  · {t('matches.category', { category: props.categoryLabel(m.category) })}
                </span>
              ) : null}
              {m.series ? (
                <span className="detail"> · {t('matches.series', { series: m.series })}</span>
              ) : null}
              {m.kind === 'vpdq' && m.label ? (
                <span className="detail"> · {t('matches.knownVideo', { name: isolate(m.label) })}</span>
              ) : null}
              {m.video ? <FrameSpans video={m.video} still={media.kind !== 'video'} t={t} /> : null}
              {m.listKind === 'allow' ? <span className="warning">{t('matches.allow')}</span> : null}
              {m.lowQuality ? (
                <span className="warning" role="note">
                  {t('matches.lowQuality')}
                </span>
              ) : null}
              {m.conflict ? (
                <span className="warning" role="note">
                  {t('matches.conflict')}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const clock = (seconds: number) => formatDuration(seconds * 1000, true);

/** Which frames matched at what time: a line per span of matched frames (a still: the known frame's time). */
function FrameSpans(props: { video: VideoMatchDetail; still: boolean; t: Translate }) {
  const { video, t } = props;
  return (
    <ul className="frame-spans" aria-label={t('matches.frames.title')}>
      {video.spans.map((s, i) => (
        <li key={i}>
          {props.still
            ? s.otherFrom >= 0
              ? t('matches.frames.still', { at: clock(s.otherFrom) })
              : t('matches.frames.stillNoTime')
            : s.from >= 0 && s.otherFrom >= 0
              ? t('matches.frames.span', {
                  from: clock(s.from),
                  to: clock(s.to),
                  fromFrame: s.fromFrame,
                  toFrame: s.toFrame,
                  count: s.frames,
                  otherFrom: clock(s.otherFrom),
                  otherTo: clock(s.otherTo),
                  distance: s.distance,
                })
              : t('matches.frames.spanNoTime', {
                  fromFrame: s.fromFrame,
                  toFrame: s.toFrame,
                  count: s.frames,
                  distance: s.distance,
                })}
        </li>
      ))}
      {video.omitted > 0 ? <li>{t('matches.frames.more', { count: video.omitted })}</li> : null}
    </ul>
  );
}
