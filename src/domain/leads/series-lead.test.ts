import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { LEAD_STATUSES } from './lead-status';
import {
  applyLeadChange,
  newSeriesLead,
  normalizeTags,
  replayLead,
  type LeadChange,
  type LeadEvent,
  type SeriesLead,
  type VictimProfile,
} from './series-lead';

const AT = '2026-11-28T10:00:00.000Z';
const fresh = () => newSeriesLead({ id: 'L1', caseId: 'C1', seriesId: 'S1' }, AT, 'ana');
let n = 0;
const ctx = (by = 'ana') => ({ eventId: `E${++n}`, at: AT, by });

function apply(lead: SeriesLead, change: LeadChange): SeriesLead {
  const result = applyLeadChange(lead, change, ctx());
  if (!result.ok) throw new Error(result.problem);
  return result.lead;
}

const identified: VictimProfile = {
  ageMin: 8,
  ageMax: 11,
  sex: 'female',
  identified: 'identified',
  identifiedOn: '2026-11-20',
};

describe('series lead rules', () => {
  it('walks the workflow to identification, bumping the version and recording who and when', () => {
    let lead = fresh();
    lead = apply(lead, { kind: 'status', to: 'in-review' });
    lead = apply(lead, { kind: 'status', to: 'lead-sent' });
    lead = apply(lead, { kind: 'victim', profile: identified });
    const result = applyLeadChange(
      lead,
      { kind: 'status', to: 'victim-identified' },
      { eventId: 'E-last', at: AT, by: 'ben' },
    );
    expect(result.ok && result.lead).toMatchObject({
      status: 'victim-identified',
      version: 4,
      updatedBy: 'ben',
    });
    expect(result.ok && result.event).toMatchObject({
      id: 'E-last',
      leadId: 'L1',
      version: 4,
      by: 'ben',
      change: { kind: 'status', to: 'victim-identified' },
    });
  });

  it('refuses a status the workflow does not allow, and changes nothing', () => {
    const lead = fresh();
    expect(applyLeadChange(lead, { kind: 'status', to: 'lead-sent' }, ctx())).toEqual({
      ok: false,
      problem: 'status-not-allowed',
    });
  });

  it('refuses "victim identified" until the victim profile says identified', () => {
    const lead = apply(apply(fresh(), { kind: 'status', to: 'in-review' }), {
      kind: 'status',
      to: 'lead-sent',
    });
    expect(applyLeadChange(lead, { kind: 'status', to: 'victim-identified' }, ctx())).toEqual({
      ok: false,
      problem: 'victim-not-identified',
    });
  });

  it('keeps an identified status and its profile consistent', () => {
    let lead = apply(fresh(), { kind: 'status', to: 'in-review' });
    lead = apply(lead, { kind: 'victim', profile: identified });
    lead = apply(lead, { kind: 'status', to: 'victim-identified' });
    const unidentify = applyLeadChange(
      lead,
      { kind: 'victim', profile: { ...identified, identified: 'unidentified' } },
      ctx(),
    );
    expect(unidentify).toEqual({ ok: false, problem: 'victim-not-identified' });
  });

  it.each<[Partial<VictimProfile>, string]>([
    [{ ageMin: 12, ageMax: 9 }, 'age-range-invalid'],
    [{ ageMin: -1 }, 'age-range-invalid'],
    [{ ageMax: 7.5 }, 'age-range-invalid'],
    [{ identified: 'referred', identifiedOn: null }, 'identified-date-missing'],
    [{ identified: 'identified', identifiedOn: '2030-01-01' }, 'identified-date-in-future'],
  ])('refuses victim profile %j (%s)', (patch, problem) => {
    const profile = { ...identified, ...patch };
    expect(applyLeadChange(fresh(), { kind: 'victim', profile }, ctx())).toEqual({ ok: false, problem });
  });

  it('drops the identification date when the victim is set back to unidentified', () => {
    const lead = apply(fresh(), { kind: 'victim', profile: { ...identified, identified: 'unidentified' } });
    expect(lead.victim.identifiedOn).toBeNull();
  });

  it('refuses a change based on a version someone else has moved past', () => {
    const lead = apply(fresh(), { kind: 'tags', tags: ['bedroom'] });
    expect(applyLeadChange(lead, { kind: 'tags', tags: ['kitchen'] }, { ...ctx(), baseVersion: 0 })).toEqual({
      ok: false,
      problem: 'stale-version',
    });
    expect(applyLeadChange(lead, { kind: 'tags', tags: ['kitchen'] }, { ...ctx(), baseVersion: 1 }).ok).toBe(
      true,
    );
  });

  it('links location hypotheses to supporting clues and removes leads by id', () => {
    let lead = apply(fresh(), {
      kind: 'location-add',
      id: 'loc1',
      text: ' Coastal town, tiled roofs ',
      clueIds: ['c1', 'c2', 'c1'],
    });
    expect(lead.locations).toEqual([
      { id: 'loc1', text: 'Coastal town, tiled roofs', clueIds: ['c1', 'c2'] },
    ]);
    lead = apply(lead, { kind: 'offender-add', id: 'o1', text: 'Username seen in a caption' });
    lead = apply(lead, { kind: 'offender-remove', id: 'o1' });
    expect(lead.offenderLeads).toEqual([]);
    expect(applyLeadChange(lead, { kind: 'offender-remove', id: 'o1' }, ctx())).toEqual({
      ok: false,
      problem: 'not-found',
    });
    expect(applyLeadChange(lead, { kind: 'offender-add', id: 'o2', text: '   ' }, ctx())).toEqual({
      ok: false,
      problem: 'text-empty',
    });
  });

  it('normalizes tags and refuses separators', () => {
    expect(normalizeTags([' school  uniform', 'School Uniform', '', 'socket-type-G'])).toEqual({
      ok: true,
      tags: ['school uniform', 'socket-type-G'],
    });
    expect(normalizeTags(['a,b'])).toEqual({ ok: false, problem: 'tag-invalid' });
  });

  it('replaying the history of any accepted sequence of changes rebuilds the same lead', () => {
    const change = fc.oneof(
      fc.constantFrom(...LEAD_STATUSES).map((to): LeadChange => ({ kind: 'status', to })),
      fc.constantFrom<LeadChange>(
        { kind: 'victim', profile: identified },
        { kind: 'victim', profile: { ...identified, identified: 'unidentified' } },
      ),
      fc
        .array(fc.string({ maxLength: 8 }), { maxLength: 3 })
        .map((tags): LeadChange => ({ kind: 'tags', tags })),
      fc
        .string({ maxLength: 12 })
        .map((text): LeadChange => ({ kind: 'offender-add', id: `o-${text}`, text })),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 25 }), (changes) => {
        let lead = fresh();
        const history: LeadEvent[] = [];
        for (const c of changes) {
          const result = applyLeadChange(lead, c, ctx());
          if (!result.ok) continue;
          lead = result.lead;
          history.push(result.event);
        }
        expect(history.map((e) => e.version)).toEqual(history.map((_, i) => i + 1));
        const replayed = replayLead(fresh(), history);
        expect(replayed).toEqual(lead);
      }),
    );
  });
});
