import { useId } from 'react';

import type { CategoryScheme } from '../../../domain/case/category-schemes';
import type { GridFilter } from '../../db/media.repository';
import { useT } from '../../i18n/use-t';

const ANY = '';
const NONE = 'none';

function triState(value: boolean | undefined): string {
  return value === undefined ? ANY : value ? 'yes' : 'no';
}
function fromTriState(value: string): boolean | undefined {
  return value === ANY ? undefined : value === 'yes';
}

/** Category, camera, GPS and known/unknown filters (the series filter is the series list). */
export function TriageFilters(props: {
  filter: GridFilter;
  onChange: (filter: GridFilter) => void;
  scheme: CategoryScheme;
  cameras: readonly string[];
  categoryLabel: (value: number | null) => string;
}) {
  const t = useT();
  const id = useId();
  const f = props.filter;
  const set = (change: Partial<GridFilter>) => {
    const next: Record<string, unknown> = { ...f, ...change };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    props.onChange(next);
  };
  return (
    <fieldset className="triage-filters">
      <legend>{t('filter.title')}</legend>
      <label htmlFor={`${id}-path`}>{t('filter.path')}</label>
      <input
        id={`${id}-path`}
        type="search"
        value={f.path ?? ''}
        onChange={(e) => set({ path: e.target.value || undefined })}
      />
      <label htmlFor={`${id}-cat`}>{t('filter.category')}</label>
      <select
        id={`${id}-cat`}
        value={f.category === undefined ? ANY : f.category === null ? NONE : String(f.category)}
        onChange={(e) => {
          const v = e.target.value;
          set({ category: v === ANY ? undefined : v === NONE ? null : Number(v) });
        }}
      >
        <option value={ANY}>{t('filter.any')}</option>
        <option value={NONE}>{props.categoryLabel(null)}</option>
        {props.scheme.categories.map((c) => (
          <option key={c.value} value={c.value}>
            {props.categoryLabel(c.value)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-cam`}>{t('filter.camera')}</label>
      <select
        id={`${id}-cam`}
        value={f.camera ?? ANY}
        onChange={(e) => set({ camera: e.target.value || undefined })}
      >
        <option value={ANY}>{t('filter.any')}</option>
        {props.cameras.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-gps`}>{t('filter.gps')}</label>
      <select
        id={`${id}-gps`}
        value={triState(f.hasGps)}
        onChange={(e) => set({ hasGps: fromTriState(e.target.value) })}
      >
        <option value={ANY}>{t('filter.any')}</option>
        <option value="yes">{t('filter.yes')}</option>
        <option value="no">{t('filter.no')}</option>
      </select>
      <label htmlFor={`${id}-known`}>{t('filter.known')}</label>
      <select
        id={`${id}-known`}
        value={triState(f.known)}
        onChange={(e) => set({ known: fromTriState(e.target.value) })}
      >
        <option value={ANY}>{t('filter.any')}</option>
        <option value="yes">{t('filter.known.yes')}</option>
        <option value="no">{t('filter.known.no')}</option>
      </select>
      <p className="muted">{t('filter.sort')}</p>
    </fieldset>
  );
}
