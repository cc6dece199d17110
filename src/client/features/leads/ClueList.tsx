import { useLiveQuery } from 'dexie-react-hooks';

import type { CurrentClue } from '../../../domain/leads/clue';
import { getClueCrop } from '../../db/clues.repository';
import type { WaymarkDatabase } from '../../db/database';
import { clueTypeKey } from '../../i18n/domain-keys';
import { formatInstant } from '../../i18n/format-time';
import { useLanguage, useT } from '../../i18n/use-t';
import { useBlobUrl } from '../../ui/use-blob-url';

/** A clue's crop, blurred like every image until revealed. */
export function ClueCrop(props: {
  db: WaymarkDatabase;
  revisionId: string;
  filter: string;
  revealed: boolean;
}) {
  const crop = useLiveQuery(() => getClueCrop(props.db, props.revisionId), [props.db, props.revisionId]);
  const url = useBlobUrl(crop?.blob);
  return url ? (
    <img
      className="clue-crop"
      src={url}
      alt=""
      data-revealed={props.revealed}
      style={{ filter: props.revealed ? 'none' : props.filter }}
    />
  ) : (
    <span className="clue-crop placeholder" />
  );
}

export function ClueList(props: {
  db: WaymarkDatabase;
  clues: readonly CurrentClue[];
  imageLabel: (mediaId: string) => string;
  filter: string;
  revealedId: string | null;
  onReveal: (revisionId: string) => void;
  onEdit: (clue: CurrentClue) => void;
  onDelete: (clue: CurrentClue) => void;
  onExport: (clue: CurrentClue) => void;
  exporting: string | null;
}) {
  const t = useT();
  const language = useLanguage();
  if (props.clues.length === 0) return <p className="muted">{t('leads.clues.empty')}</p>;
  return (
    <ul className="clue-list" aria-label={t('leads.clues.title')}>
      {props.clues.map((clue, i) => {
        const r = clue.revision;
        const revealKey = `crop:${r.id}`;
        return (
          <li key={r.clueId} aria-label={t('leads.clues.item', { n: i + 1, type: t(clueTypeKey(r.type)) })}>
            <button
              type="button"
              className="crop-button"
              aria-label={t('leads.clues.revealCrop')}
              aria-pressed={props.revealedId === revealKey}
              onClick={() => props.onReveal(revealKey)}
            >
              <ClueCrop
                db={props.db}
                revisionId={r.id}
                filter={props.filter}
                revealed={props.revealedId === revealKey}
              />
            </button>
            <div className="clue-text">
              <strong>{t(clueTypeKey(r.type))}</strong>
              <p>{r.note || t('leads.clues.noNote')}</p>
              <p className="muted">
                {t('leads.clues.meta', {
                  image: props.imageLabel(r.mediaId),
                  by: r.author,
                  at: formatInstant(r.createdAt, language),
                })}
              </p>
              {clue.conflicts.length > 0 ? (
                <p className="error">{t('leads.clues.conflict', { count: clue.conflicts.length })}</p>
              ) : null}
            </div>
            <div className="clue-actions">
              <button type="button" className="button" onClick={() => props.onEdit(clue)}>
                {t('common.edit')}
              </button>
              <button type="button" className="button" onClick={() => props.onDelete(clue)}>
                {t('common.delete')}
              </button>
              <button
                type="button"
                className="button"
                aria-expanded={props.exporting === r.clueId}
                onClick={() => props.onExport(clue)}
              >
                {t('common.export')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
