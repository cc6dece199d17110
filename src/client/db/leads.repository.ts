import { ulid } from 'ulidx';

import {
  applyLeadChange,
  newSeriesLead,
  type ApplyResult,
  type LeadChange,
  type LeadEvent,
  type SeriesLead,
} from '../../domain/leads/series-lead';
import type { WaymarkDatabase } from './database';

/**
 * Series leads and their events. Invariant: a lead and the event of each change are written in one
 * transaction, through `applyLeadChange`, so the rules live in one place and the history always
 * replays to the stored lead. A series has one lead, whose id is the series id: two analysts who start
 * a lead on the same series start the same record (no duplicate to reconcile at sync).
 */
export interface LeadTarget {
  readonly caseId: string;
  readonly seriesId: string;
}

export const ANALYST_NAME_SETTING = 'analyst.name';
export const DEFAULT_ANALYST_NAME = 'Analyst';

export async function getLead(db: WaymarkDatabase, seriesId: string): Promise<SeriesLead | undefined> {
  return db.seriesLeads.get(seriesId);
}

/** The lead as it stands, or a fresh one (version 0, not stored until its first change). */
export function leadOrNew(
  stored: SeriesLead | undefined,
  target: LeadTarget,
  at: string,
  by: string,
): SeriesLead {
  return stored ?? newSeriesLead({ id: target.seriesId, ...target }, at, by);
}

export async function changeLead(
  db: WaymarkDatabase,
  target: LeadTarget,
  change: LeadChange,
  by: string,
  options: { baseVersion?: number; now?: Date } = {},
): Promise<ApplyResult> {
  const at = (options.now ?? new Date()).toISOString();
  return db.transaction('rw', db.seriesLeads, db.leadEvents, async () => {
    const lead = leadOrNew(await db.seriesLeads.get(target.seriesId), target, at, by);
    const result = applyLeadChange(lead, change, {
      eventId: ulid(),
      at,
      by,
      ...(options.baseVersion === undefined ? {} : { baseVersion: options.baseVersion }),
    });
    if (!result.ok) return result;
    await db.seriesLeads.put(result.lead);
    await db.leadEvents.add(result.event);
    return result;
  });
}

/** A lead's history, oldest first. */
export function listLeadEvents(db: WaymarkDatabase, leadId: string): Promise<LeadEvent[]> {
  return db.leadEvents.where('[leadId+version]').between([leadId, 0], [leadId, Infinity]).toArray();
}

/** The name recorded as author of changes made in this browser, until accounts sync. */
export async function getAnalystName(db: WaymarkDatabase): Promise<string | null> {
  const record = await db.settings.get(ANALYST_NAME_SETTING);
  return typeof record?.value === 'string' && record.value.trim() ? record.value : null;
}

export async function setAnalystName(db: WaymarkDatabase, name: string): Promise<string> {
  const value = name.trim().replace(/\s+/g, ' ').slice(0, 80) || DEFAULT_ANALYST_NAME;
  await db.settings.put({ id: ANALYST_NAME_SETTING, value });
  return value;
}
