import { canChangeStatus, type LeadStatus } from './lead-status';

/**
 * What a case officer records about a series: the victim profile, offender leads, location hypotheses
 * (linked to the clues that support them), a status and tags. Every change goes through
 * `applyLeadChange`, which checks the rules, bumps `version` and returns the history event: so the
 * lead and its history never disagree, and every change is a record with an id and a version, ready
 * to sync (victim identification and status carry the version they were based on; see docs/SYNC.md).
 */
export const Sex = { female: 'female', male: 'male', unknown: 'unknown' } as const;
export type Sex = (typeof Sex)[keyof typeof Sex];

export const IdentifiedStatus = {
  unidentified: 'unidentified',
  identified: 'identified',
  referred: 'referred',
} as const;
export type IdentifiedStatus = (typeof IdentifiedStatus)[keyof typeof IdentifiedStatus];

export interface VictimProfile {
  /** Apparent age range in whole years; both absent when not assessed. */
  readonly ageMin: number | null;
  readonly ageMax: number | null;
  readonly sex: Sex;
  readonly identified: IdentifiedStatus;
  /** Date (YYYY-MM-DD) the victim was identified or referred; required for those statuses. */
  readonly identifiedOn: string | null;
}

export interface OffenderLead {
  readonly id: string;
  readonly text: string;
}

export interface LocationHypothesis {
  readonly id: string;
  readonly text: string;
  /** Clue ids (ClueRevision.clueId) that support it. */
  readonly clueIds: readonly string[];
}

export interface SeriesLead {
  readonly id: string;
  readonly caseId: string;
  readonly seriesId: string;
  readonly status: LeadStatus;
  readonly victim: VictimProfile;
  readonly offenderLeads: readonly OffenderLead[];
  readonly locations: readonly LocationHypothesis[];
  readonly tags: readonly string[];
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type LeadChange =
  | { readonly kind: 'status'; readonly to: LeadStatus }
  | { readonly kind: 'victim'; readonly profile: VictimProfile }
  | { readonly kind: 'tags'; readonly tags: readonly string[] }
  | { readonly kind: 'offender-add'; readonly id: string; readonly text: string }
  | { readonly kind: 'offender-remove'; readonly id: string }
  | {
      readonly kind: 'location-add';
      readonly id: string;
      readonly text: string;
      readonly clueIds: readonly string[];
    }
  | { readonly kind: 'location-remove'; readonly id: string };

/** One entry of a lead's history: who changed what, when, from which version to which. */
export interface LeadEvent {
  readonly id: string;
  readonly leadId: string;
  readonly caseId: string;
  readonly seriesId: string;
  /** The version this change produced (the lead's version before it was `version - 1`). */
  readonly version: number;
  readonly at: string;
  readonly by: string;
  readonly change: LeadChange;
}

export type LeadProblem =
  | 'status-not-allowed'
  | 'victim-not-identified'
  | 'age-range-invalid'
  | 'identified-date-missing'
  | 'identified-date-in-future'
  | 'text-empty'
  | 'text-too-long'
  | 'tag-invalid'
  | 'not-found'
  | 'stale-version';

export const LEAD_TEXT_MAX_LENGTH = 2000;
export const TAG_MAX_LENGTH = 40;
export const AGE_MAX = 99;

export const UNASSESSED_VICTIM: VictimProfile = {
  ageMin: null,
  ageMax: null,
  sex: 'unknown',
  identified: 'unidentified',
  identifiedOn: null,
};

export function newSeriesLead(
  ids: { id: string; caseId: string; seriesId: string },
  at: string,
  by: string,
): SeriesLead {
  return {
    ...ids,
    status: 'new',
    victim: UNASSESSED_VICTIM,
    offenderLeads: [],
    locations: [],
    tags: [],
    version: 0,
    updatedAt: at,
    updatedBy: by,
  };
}

/** Tags as typed: trimmed, inner whitespace collapsed, duplicates (ignoring case) dropped, order kept. */
export function normalizeTags(
  tags: readonly string[],
): { ok: true; tags: string[] } | { ok: false; problem: LeadProblem } {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag) continue;
    if (tag.length > TAG_MAX_LENGTH || /[,\n]/.test(tag)) return { ok: false, problem: 'tag-invalid' };
    const key = tag.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return { ok: true, tags: out };
}

function checkVictim(profile: VictimProfile, at: string): LeadProblem | null {
  const { ageMin, ageMax } = profile;
  for (const age of [ageMin, ageMax]) {
    if (age !== null && (!Number.isInteger(age) || age < 0 || age > AGE_MAX)) return 'age-range-invalid';
  }
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) return 'age-range-invalid';
  if (profile.identified !== 'unidentified') {
    if (!profile.identifiedOn || !/^\d{4}-\d{2}-\d{2}$/.test(profile.identifiedOn))
      return 'identified-date-missing';
    if (profile.identifiedOn > at.slice(0, 10)) return 'identified-date-in-future';
  }
  return null;
}

function checkText(text: string): LeadProblem | null {
  if (!text.trim()) return 'text-empty';
  if (text.trim().length > LEAD_TEXT_MAX_LENGTH) return 'text-too-long';
  return null;
}

export interface ChangeContext {
  readonly eventId: string;
  readonly at: string;
  readonly by: string;
  /** The version the analyst saw; a mismatch means someone else changed the lead meanwhile. */
  readonly baseVersion?: number;
}

export type ApplyResult =
  { ok: true; lead: SeriesLead; event: LeadEvent } | { ok: false; problem: LeadProblem };

export function applyLeadChange(lead: SeriesLead, change: LeadChange, ctx: ChangeContext): ApplyResult {
  if (ctx.baseVersion !== undefined && ctx.baseVersion !== lead.version)
    return { ok: false, problem: 'stale-version' };
  const next = nextFields(lead, change, ctx.at);
  if ('problem' in next) return { ok: false, problem: next.problem };
  const version = lead.version + 1;
  const stored: LeadChange = ('change' in next ? next.change : undefined) ?? change;
  return {
    ok: true,
    lead: { ...lead, ...next.fields, version, updatedAt: ctx.at, updatedBy: ctx.by },
    event: {
      id: ctx.eventId,
      leadId: lead.id,
      caseId: lead.caseId,
      seriesId: lead.seriesId,
      version,
      at: ctx.at,
      by: ctx.by,
      change: stored,
    },
  };
}

type Next = { fields: Partial<SeriesLead>; change?: LeadChange } | { problem: LeadProblem };

function nextFields(lead: SeriesLead, change: LeadChange, at: string): Next {
  switch (change.kind) {
    case 'status':
      if (!canChangeStatus(lead.status, change.to)) return { problem: 'status-not-allowed' };
      if (change.to === 'victim-identified' && lead.victim.identified !== 'identified')
        return { problem: 'victim-not-identified' };
      return { fields: { status: change.to } };
    case 'victim': {
      const profile: VictimProfile =
        change.profile.identified === 'unidentified'
          ? { ...change.profile, identifiedOn: null }
          : change.profile;
      const problem = checkVictim(profile, at);
      if (problem) return { problem };
      // A status that claims identification cannot outlive the profile that supported it.
      if (lead.status === 'victim-identified' && profile.identified !== 'identified')
        return { problem: 'victim-not-identified' };
      return { fields: { victim: profile }, change: { kind: 'victim', profile } };
    }
    case 'tags': {
      const tags = normalizeTags(change.tags);
      if (!tags.ok) return { problem: tags.problem };
      return { fields: { tags: tags.tags }, change: { kind: 'tags', tags: tags.tags } };
    }
    case 'offender-add': {
      const problem = checkText(change.text);
      if (problem) return { problem };
      const text = change.text.trim();
      return {
        fields: { offenderLeads: [...lead.offenderLeads, { id: change.id, text }] },
        change: { ...change, text },
      };
    }
    case 'offender-remove':
      if (!lead.offenderLeads.some((o) => o.id === change.id)) return { problem: 'not-found' };
      return { fields: { offenderLeads: lead.offenderLeads.filter((o) => o.id !== change.id) } };
    case 'location-add': {
      const problem = checkText(change.text);
      if (problem) return { problem };
      const text = change.text.trim();
      const clueIds = [...new Set(change.clueIds)];
      return {
        fields: { locations: [...lead.locations, { id: change.id, text, clueIds }] },
        change: { ...change, text, clueIds },
      };
    }
    case 'location-remove':
      if (!lead.locations.some((l) => l.id === change.id)) return { problem: 'not-found' };
      return { fields: { locations: lead.locations.filter((l) => l.id !== change.id) } };
  }
}

/** Replays a history onto a fresh lead: the lead is exactly what its events say. */
export function replayLead(start: SeriesLead, events: readonly LeadEvent[]): SeriesLead {
  let lead = start;
  for (const event of [...events].sort((a, b) => a.version - b.version)) {
    const result = applyLeadChange(lead, event.change, { eventId: event.id, at: event.at, by: event.by });
    if (!result.ok) throw new Error(`history does not replay at version ${event.version}: ${result.problem}`);
    lead = result.lead;
  }
  return lead;
}
