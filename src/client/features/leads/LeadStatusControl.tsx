import { useId } from 'react';

import { LEAD_STATUSES, canChangeStatus, type LeadStatus } from '../../../domain/leads/lead-status';
import type { SeriesLead } from '../../../domain/leads/series-lead';
import { leadStatusKey } from '../../i18n/domain-keys';
import { useT } from '../../i18n/use-t';

/**
 * The status select: only the moves the workflow allows are enabled, and the page says in words what
 * is possible from here and why "Victim identified" may not be (the profile must say so first).
 */
export function LeadStatusControl(props: { lead: SeriesLead; onChange: (to: LeadStatus) => void }) {
  const t = useT();
  const id = useId();
  const { lead } = props;
  const allowed = LEAD_STATUSES.filter((s) => canChangeStatus(lead.status, s));
  const needsIdentification =
    allowed.includes('victim-identified') && lead.victim.identified !== 'identified';
  const enabled = (s: LeadStatus) =>
    s === lead.status ||
    (canChangeStatus(lead.status, s) && !(s === 'victim-identified' && needsIdentification));
  return (
    <div className="field lead-status">
      <label htmlFor={id}>{t('leads.status.label')}</label>
      <select
        id={id}
        value={lead.status}
        aria-describedby={`${id}-help`}
        onChange={(e) => props.onChange(e.target.value as LeadStatus)}
      >
        {LEAD_STATUSES.map((s) => (
          <option key={s} value={s} disabled={!enabled(s)}>
            {t(leadStatusKey(s))}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="hint">
        {t('leads.status.allowed', {
          from: t(leadStatusKey(lead.status)),
          to: allowed.map((s) => t(leadStatusKey(s))).join(', '),
        })}
        {needsIdentification ? ` ${t('leads.status.needsIdentified')}` : ''}
      </p>
    </div>
  );
}
