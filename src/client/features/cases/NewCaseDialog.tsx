import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

import { CASE_NAME_MAX_LENGTH } from '../../../domain/case/case';
import {
  CATEGORY_SCHEMES,
  DEFAULT_CATEGORY_SCHEME,
  isCategorySchemeId,
  type CategorySchemeId,
} from '../../../domain/case/category-schemes';
import type { CaseId } from '../../../domain/case/ids';
import { createCase } from '../../db/cases.repository';
import { useDatabase } from '../../db/use-database';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/use-t';

/** A modal dialog (native <dialog>: focus trap, Escape and the backdrop come with it) to name a new case. */
export function NewCaseDialog(props: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: CaseId) => void;
}) {
  const t = useT();
  const db = useDatabase();
  const ref = useRef<HTMLDialogElement>(null);
  const nameId = useId();
  const hintId = useId();
  const errorId = useId();
  const schemeId = useId();
  const [name, setName] = useState('');
  const [scheme, setScheme] = useState<CategorySchemeId>(DEFAULT_CATEGORY_SCHEME);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setName('');
      setScheme(DEFAULT_CATEGORY_SCHEME);
      setError(null);
      dialog.showModal();
    } else if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const result = await createCase(db, name, new Date(), scheme);
      if (!result.ok) {
        setError(
          result.problem === 'empty'
            ? t('cases.error.empty')
            : t('cases.error.tooLong', { max: CASE_NAME_MAX_LENGTH }),
        );
        return;
      }
      props.onCreated(result.record.id);
    } catch (cause) {
      setError(t('cases.error.storage', { reason: errorText(t, cause) }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${nameId}-title`} onClose={props.onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${nameId}-title`}>{t('cases.dialog.title')}</h2>
        <div className="field">
          <label htmlFor={nameId}>{t('cases.dialog.name')}</label>
          <input
            id={nameId}
            name="name"
            value={name}
            autoFocus
            autoComplete="off"
            maxLength={CASE_NAME_MAX_LENGTH + 50}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={hintId} className="hint">
            {t('cases.dialog.nameHint')}
          </p>
          {error ? (
            <p id={errorId} className="error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={schemeId}>{t('cases.dialog.scheme')}</label>
          <select
            id={schemeId}
            value={scheme}
            aria-describedby={`${schemeId}-hint`}
            onChange={(e) => {
              if (isCategorySchemeId(e.target.value)) setScheme(e.target.value);
            }}
          >
            {Object.values(CATEGORY_SCHEMES).map((s) => (
              <option key={s.id} value={s.id}>
                {t(`category.scheme.${s.id}`)}
              </option>
            ))}
          </select>
          <p id={`${schemeId}-hint`} className="hint">
            {t('cases.dialog.schemeHint')}
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={saving}>
            {t('common.create')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
