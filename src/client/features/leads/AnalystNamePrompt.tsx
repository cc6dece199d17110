import { useId, useState } from 'react';

import { DEFAULT_ANALYST_NAME } from '../../db/leads.repository';
import { useT } from '../../i18n/use-t';

/** Asked once per browser: the name recorded on changes until accounts sync (default "Analyst"). */
export function AnalystNamePrompt(props: { onSave: (name: string) => void }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  return (
    <form
      className="analyst-prompt inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(name);
      }}
    >
      <label htmlFor={id}>{t('leads.analyst.label')}</label>
      <input
        id={id}
        value={name}
        placeholder={DEFAULT_ANALYST_NAME}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="button">
        {t('common.save')}
      </button>
      <span className="hint">{t('leads.analyst.hint')}</span>
    </form>
  );
}
