import { useId } from 'react';

import { useT } from '../../i18n/use-t';
import { REVEAL_SECONDS_RANGE, useWellnessSettings } from './wellness.store';

/** Per-user viewing settings: protective by default, relaxed only by a deliberate choice. */
export function WellnessSettingsPanel() {
  const t = useT();
  const secondsId = useId();
  const settings = useWellnessSettings();
  return (
    <details className="wellness-settings">
      <summary>{t('wellness.title')}</summary>
      <label>
        <input
          type="checkbox"
          checked={settings.blur}
          onChange={(e) => settings.update({ blur: e.target.checked })}
        />{' '}
        {t('wellness.blur')}
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.grayscale}
          onChange={(e) => settings.update({ grayscale: e.target.checked })}
        />{' '}
        {t('wellness.grayscale')}
      </label>
      <label htmlFor={secondsId}>{t('wellness.revealSeconds')}</label>
      <input
        id={secondsId}
        type="number"
        min={REVEAL_SECONDS_RANGE.min}
        max={REVEAL_SECONDS_RANGE.max}
        value={settings.revealSeconds}
        onChange={(e) =>
          settings.update({ revealSeconds: Number(e.target.value) || REVEAL_SECONDS_RANGE.min })
        }
      />
    </details>
  );
}
