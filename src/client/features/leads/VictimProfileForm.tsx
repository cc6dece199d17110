import { useId, useState, type FormEvent } from 'react';

import type { IdentifiedStatus, Sex, VictimProfile } from '../../../domain/leads/series-lead';
import { useT } from '../../i18n/use-t';

const SEXES: readonly Sex[] = ['unknown', 'female', 'male'];
const IDENTIFIED: readonly IdentifiedStatus[] = ['unidentified', 'identified', 'referred'];

const toAge = (text: string) => (text.trim() === '' ? null : Number(text));

/** The victim profile as the analyst assesses it; the domain rules check it on save. */
export function VictimProfileForm(props: {
  profile: VictimProfile;
  version: number;
  onSave: (profile: VictimProfile) => void;
}) {
  const t = useT();
  const id = useId();
  const p = props.profile;
  const [ageMin, setAgeMin] = useState(p.ageMin === null ? '' : String(p.ageMin));
  const [ageMax, setAgeMax] = useState(p.ageMax === null ? '' : String(p.ageMax));
  const [sex, setSex] = useState<Sex>(p.sex);
  const [identified, setIdentified] = useState<IdentifiedStatus>(p.identified);
  const [identifiedOn, setIdentifiedOn] = useState(p.identifiedOn ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSave({
      ageMin: toAge(ageMin),
      ageMax: toAge(ageMax),
      sex,
      identified,
      identifiedOn: identified === 'unidentified' ? null : identifiedOn || null,
    });
  };

  return (
    <form className="victim-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('leads.victim.title')}</h3>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-min`}>{t('leads.victim.ageFrom')}</label>
          <input
            id={`${id}-min`}
            type="number"
            min={0}
            max={99}
            value={ageMin}
            onChange={(e) => setAgeMin(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-max`}>{t('leads.victim.ageTo')}</label>
          <input
            id={`${id}-max`}
            type="number"
            min={0}
            max={99}
            value={ageMax}
            onChange={(e) => setAgeMax(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sex`}>{t('leads.victim.sex')}</label>
          <select id={`${id}-sex`} value={sex} onChange={(e) => setSex(e.target.value as Sex)}>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {t(`leads.sex.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-id`}>{t('leads.victim.identified')}</label>
          <select
            id={`${id}-id`}
            value={identified}
            onChange={(e) => setIdentified(e.target.value as IdentifiedStatus)}
          >
            {IDENTIFIED.map((s) => (
              <option key={s} value={s}>
                {t(`leads.identified.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-on`}>{t('leads.victim.identifiedOn')}</label>
          <input
            id={`${id}-on`}
            type="date"
            value={identifiedOn}
            disabled={identified === 'unidentified'}
            onChange={(e) => setIdentifiedOn(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="button primary">
        {t('leads.victim.save')}
      </button>
    </form>
  );
}
