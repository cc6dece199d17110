import { useId, useState } from 'react';

import { useT } from '../../i18n/use-t';
import { verifyOriginal } from './verify-original';

/**
 * "Open the original file": the analyst picks the image's original from disk; it is accepted only if
 * its SHA-256 is the image's (the wrong file is named as such), then shown for the rest of the session.
 */
export function OpenOriginal(props: { sha256: string }) {
  const t = useT();
  const id = useId();
  const [state, setState] = useState<'idle' | 'checking' | 'wrong' | 'unreadable'>('idle');

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setState('checking');
    const check = await verifyOriginal(file, props.sha256);
    setState(check === 'ok' ? 'idle' : check);
  };

  return (
    <div className="open-original">
      <label htmlFor={id}>{t('originals.open')}</label>
      <input
        id={id}
        type="file"
        accept="image/*"
        aria-describedby={`${id}-hint`}
        onChange={(event) => void choose(event.target.files?.[0])}
      />
      <p id={`${id}-hint`} className="hint">
        {t('originals.openHint')}
      </p>
      {state === 'checking' ? <p role="status">{t('originals.checking')}</p> : null}
      {state === 'wrong' ? (
        <p role="alert" className="error">
          {t('originals.wrongFile')}
        </p>
      ) : null}
      {state === 'unreadable' ? (
        <p role="alert" className="error">
          {t('originals.unreadable')}
        </p>
      ) : null}
    </div>
  );
}
