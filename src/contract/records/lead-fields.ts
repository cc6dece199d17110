import { z } from 'zod';

import { LEAD_STATUSES, type LeadStatus } from '../../domain/leads/lead-status';
import {
  AGE_MAX,
  IdentifiedStatus,
  LEAD_TEXT_MAX_LENGTH,
  Sex,
  TAG_MAX_LENGTH,
} from '../../domain/leads/series-lead';
import { IsoDate, RecordId, Text } from './fields';

/** The parts of a lead record that its history events carry too (series-lead.record, lead-event.record). */

/** Offender leads, locations and tags a lead can hold: far beyond any real lead, small enough to sync. */
export const LEAD_LIST_MAX = 200;

export const LeadStatusValue = z.enum(LEAD_STATUSES as [LeadStatus, ...LeadStatus[]]);

const Age = z.int().min(0).max(AGE_MAX).nullable();

export const VictimProfileValue = z.strictObject({
  ageMin: Age,
  ageMax: Age,
  sex: z.enum(Object.values(Sex)),
  identified: z.enum(Object.values(IdentifiedStatus)),
  identifiedOn: IsoDate.nullable(),
});

export const LeadText = Text(LEAD_TEXT_MAX_LENGTH);
export const Tag = Text(TAG_MAX_LENGTH).regex(/^[^,\n]*$/);
export const ClueIds = z.array(RecordId).max(LEAD_LIST_MAX);

export const OffenderLeadValue = z.strictObject({ id: RecordId, text: LeadText });
export const LocationValue = z.strictObject({ id: RecordId, text: LeadText, clueIds: ClueIds });

export const LeadChangeValue = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('status'), to: LeadStatusValue }),
  z.strictObject({ kind: z.literal('victim'), profile: VictimProfileValue }),
  z.strictObject({ kind: z.literal('tags'), tags: z.array(Tag).max(LEAD_LIST_MAX) }),
  z.strictObject({ kind: z.literal('offender-add'), id: RecordId, text: LeadText }),
  z.strictObject({ kind: z.literal('offender-remove'), id: RecordId }),
  z.strictObject({ kind: z.literal('location-add'), id: RecordId, text: LeadText, clueIds: ClueIds }),
  z.strictObject({ kind: z.literal('location-remove'), id: RecordId }),
]);
