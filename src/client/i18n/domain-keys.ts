import type { SeriesRecord } from '../db/records';
import type { ClueType } from '../../domain/leads/clue';
import type { LeadStatus } from '../../domain/leads/lead-status';
import type { Translate } from './translate';

/** Message keys derived from the domain's closed sets, so a new member is a compile error here. */
export const clueTypeKey = (type: ClueType) => `leads.clueType.${type}` as const;
export const clueQuestionKey = (type: ClueType) => `leads.question.${type}` as const;
export const leadStatusKey = (status: LeadStatus) => `leads.status.${status}` as const;

/** A series' shown name (as the workspace shows it): the analyst's, else "Series <number>". */
export function seriesTitle(t: Translate, series: Pick<SeriesRecord, 'name' | 'number'>): string {
  return series.name || t('series.defaultName', { number: series.number });
}
