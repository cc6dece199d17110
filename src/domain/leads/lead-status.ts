/**
 * The status workflow of a series' lead. Forward along the investigation, back one step when a lead
 * is sent back for review, "closed" from anywhere (a lead can be exhausted), and a closed lead can be
 * reopened into review. Victim identification is recorded in the victim profile first (see
 * series-lead.ts): the status cannot claim what the profile does not.
 */
export const LeadStatus = {
  new: 'new',
  inReview: 'in-review',
  leadSent: 'lead-sent',
  victimIdentified: 'victim-identified',
  closed: 'closed',
} as const;
export type LeadStatus = (typeof LeadStatus)[keyof typeof LeadStatus];

export const LEAD_STATUSES: readonly LeadStatus[] = Object.values(LeadStatus);

export const LEAD_STATUS_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['in-review', 'closed'],
  'in-review': ['new', 'lead-sent', 'victim-identified', 'closed'],
  'lead-sent': ['in-review', 'victim-identified', 'closed'],
  'victim-identified': ['in-review', 'closed'],
  closed: ['in-review'],
};

export function canChangeStatus(from: LeadStatus, to: LeadStatus): boolean {
  return LEAD_STATUS_TRANSITIONS[from].includes(to);
}

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value);
}
