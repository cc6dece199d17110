import { useId, useState, type FormEvent } from 'react';

import { CLUE_TYPES, MIN_REGION_SIDE, type ClueRegion, type ClueType } from '../../../domain/leads/clue';
import { useT } from '../../i18n/use-t';
import { clueTypeKey } from '../../i18n/domain-keys';

export interface ClueDraft {
  readonly type: ClueType;
  readonly note: string;
  readonly region: ClueRegion;
}

const pct = (v: number) => Math.round(v * 1000) / 10;

/** Type, note and region (in percent of the image: the keyboard way to place or adjust a clue). */
export function ClueForm(props: {
  title: string;
  /** Type and note start from here; the region is controlled (drawing also moves it). */
  initial: ClueDraft;
  region: ClueRegion;
  busy: boolean;
  error: string | null;
  onSave: (draft: ClueDraft) => void;
  onCancel: () => void;
  onRegion: (region: ClueRegion) => void;
}) {
  const t = useT();
  const id = useId();
  const [type, setType] = useState<ClueType>(props.initial.type);
  const [note, setNote] = useState(props.initial.note);
  const region = props.region;
  const [regionError, setRegionError] = useState(false);
  const fields = [
    ['x', t('leads.clue.left')],
    ['y', t('leads.clue.top')],
    ['width', t('leads.clue.width')],
    ['height', t('leads.clue.height')],
  ] as const;

  const setField = (key: keyof ClueRegion, text: string) => {
    const value = Number(text) / 100;
    if (!Number.isFinite(value)) return;
    const next = { ...region, [key]: Math.min(1, Math.max(0, value)) };
    const fits =
      next.width >= MIN_REGION_SIDE &&
      next.height >= MIN_REGION_SIDE &&
      next.x + next.width <= 1.0001 &&
      next.y + next.height <= 1.0001;
    setRegionError(!fits);
    props.onRegion(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!regionError) props.onSave({ type, note, region });
  };

  return (
    <form className="clue-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{props.title}</h3>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('leads.clue.type')}</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as ClueType)}>
          {CLUE_TYPES.map((c) => (
            <option key={c} value={c}>
              {t(clueTypeKey(c))}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('leads.clue.note')}</label>
        <textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <fieldset className="region-fields">
        <legend>{t('leads.clue.region')}</legend>
        {fields.map(([key, label]) => (
          <label key={key}>
            {label}
            <input
              type="number"
              min={0}
              max={100}
              step={0.1}
              value={pct(region[key])}
              aria-invalid={regionError}
              onChange={(e) => setField(key, e.target.value)}
            />
          </label>
        ))}
      </fieldset>
      {regionError ? <p className="error">{t('leads.clue.regionInvalid')}</p> : null}
      {props.error ? (
        <p className="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={props.busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
