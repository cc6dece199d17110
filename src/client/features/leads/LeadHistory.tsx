import type { LeadEvent } from '../../../domain/leads/series-lead';
import { leadStatusKey } from '../../i18n/domain-keys';
import type { Translate } from '../../i18n/translate';
import { formatInstant } from '../../i18n/format-time';
import { useLanguage, useT } from '../../i18n/use-t';

/** One line per change, in words. */
export function describeLeadEvent(t: Translate, event: LeadEvent): string {
  const c = event.change;
  switch (c.kind) {
    case 'status':
      return t('leads.event.status', { status: t(leadStatusKey(c.to)) });
    case 'victim':
      return t('leads.event.victim', { identified: t(`leads.identified.${c.profile.identified}`) });
    case 'tags':
      return t('leads.event.tags', { tags: c.tags.join(', ') || '—' });
    case 'offender-add':
      return t('leads.event.offenderAdd', { text: c.text });
    case 'offender-remove':
      return t('leads.event.offenderRemove');
    case 'location-add':
      return t('leads.event.locationAdd', { text: c.text });
    case 'location-remove':
      return t('leads.event.locationRemove');
  }
}

export function LeadHistory(props: { events: readonly LeadEvent[] }) {
  const t = useT();
  const language = useLanguage();
  if (props.events.length === 0) return null;
  return (
    <details className="lead-history">
      <summary>{t('leads.history.title', { count: props.events.length })}</summary>
      <ol aria-label={t('leads.history.list')}>
        {[...props.events].reverse().map((e) => (
          <li key={e.id}>
            <span className="muted">
              {t('leads.history.meta', {
                version: e.version,
                by: e.by,
                at: formatInstant(e.at, language),
              })}
            </span>{' '}
            {describeLeadEvent(t, e)}
          </li>
        ))}
      </ol>
    </details>
  );
}
