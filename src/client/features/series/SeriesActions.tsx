import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { UNSORTED, type MediaId, type SeriesId } from '../../../domain/case/media';
import { useT } from '../../i18n/use-t';
import { seriesName } from './series-name';
import type { SeriesRecord } from '../../db/records';

export interface SeriesCommands {
  rename: (id: SeriesId, name: string) => void;
  merge: (from: SeriesId, into: SeriesId) => void;
  move: (ids: readonly MediaId[], into: SeriesId) => void;
  split: (ids: readonly MediaId[]) => void;
  undo: () => void;
  readonly canUndo: boolean;
}

/** Actions on the series in view and on the selected images: rename, merge, move, split, undo. */
export function SeriesActions(props: {
  series: readonly SeriesRecord[];
  active: SeriesRecord | undefined;
  selected: readonly MediaId[];
  commands: SeriesCommands;
}) {
  const t = useT();
  const nameId = useId();
  const mergeId = useId();
  const moveId = useId();
  const [draft, setDraft] = useState<{ id: SeriesId; name: string } | null>(null);
  const active = props.active;
  const others = props.series.filter((s) => s.id !== active?.id);

  const submitRename = (event: FormEvent) => {
    event.preventDefault();
    if (draft) props.commands.rename(draft.id, draft.name);
    setDraft(null);
  };

  return (
    <div className="series-actions">
      {active ? (
        <>
          <h3>{t('series.view', { name: seriesName(t, active) })}</h3>
          <Link className="button" to={`/cases/${active.caseId}/series/${active.id}/leads`}>
            {t('leads.link')}
          </Link>
          {draft?.id === active.id ? (
            <form onSubmit={submitRename} className="inline-form">
              <label htmlFor={nameId}>{t('series.renameLabel')}</label>
              <input
                id={nameId}
                value={draft.name}
                autoFocus
                onChange={(e) => setDraft({ id: active.id, name: e.target.value })}
              />
              <button type="submit" className="button">
                {t('common.save')}
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => setDraft({ id: active.id, name: active.name || seriesName(t, active) })}
            >
              {t('series.rename')}
            </button>
          )}
          {others.length > 0 ? (
            <span className="inline-form">
              <label htmlFor={mergeId}>{t('series.mergeTarget')}</label>
              <select
                id={mergeId}
                value=""
                onChange={(e) => {
                  if (e.target.value) props.commands.merge(active.id, e.target.value as SeriesId);
                }}
              >
                <option value="">{t('series.choose')}</option>
                {others.map((s) => (
                  <option key={s.id} value={s.id}>
                    {seriesName(t, s)}
                  </option>
                ))}
              </select>
            </span>
          ) : null}
        </>
      ) : null}
      {props.selected.length > 0 ? (
        <>
          <span className="inline-form">
            <label htmlFor={moveId}>{t('series.moveSelected')}</label>
            <select
              id={moveId}
              value=""
              onChange={(e) => {
                if (e.target.value)
                  props.commands.move(
                    props.selected,
                    (e.target.value === '-' ? UNSORTED : e.target.value) as SeriesId,
                  );
              }}
            >
              <option value="">{t('series.choose')}</option>
              {props.series.map((s) => (
                <option key={s.id} value={s.id}>
                  {seriesName(t, s)}
                </option>
              ))}
              <option value="-">{t('series.unsorted')}</option>
            </select>
          </span>
          <button type="button" className="button" onClick={() => props.commands.split(props.selected)}>
            {t('series.newFromSelected')}
          </button>
        </>
      ) : null}
      {props.commands.canUndo ? (
        <button type="button" className="button" onClick={props.commands.undo}>
          {t('series.undo')}
        </button>
      ) : null}
    </div>
  );
}
