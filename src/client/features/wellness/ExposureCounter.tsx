import { useT } from '../../i18n/use-t';
import { useReveal } from './wellness.store';

/** Images revealed this session, for the analyst and their supervisor. */
export function ExposureCounter() {
  const t = useT();
  const exposures = useReveal((s) => s.exposures);
  return (
    <span className="exposure-counter" role="status" aria-live="off">
      {t('wellness.exposures', { count: exposures })}
    </span>
  );
}
