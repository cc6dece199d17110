import { describe, expect, it } from 'vitest';

import { canChangeStatus, LEAD_STATUSES, type LeadStatus } from './lead-status';

describe('lead status workflow', () => {
  it.each<[LeadStatus, LeadStatus, boolean]>([
    ['new', 'in-review', true],
    ['new', 'lead-sent', false],
    ['new', 'victim-identified', false],
    ['new', 'closed', true],
    ['in-review', 'lead-sent', true],
    ['in-review', 'new', true],
    ['lead-sent', 'victim-identified', true],
    ['lead-sent', 'new', false],
    ['victim-identified', 'closed', true],
    ['victim-identified', 'lead-sent', false],
    ['closed', 'in-review', true],
    ['closed', 'new', false],
    ['closed', 'victim-identified', false],
  ])('%s -> %s: %s', (from, to, allowed) => {
    expect(canChangeStatus(from, to)).toBe(allowed);
  });

  it('never allows a status to "change" to itself', () => {
    for (const s of LEAD_STATUSES) expect(canChangeStatus(s, s)).toBe(false);
  });

  it('reaches every status from "new"', () => {
    const reached = new Set<LeadStatus>(['new']);
    const queue: LeadStatus[] = ['new'];
    while (queue.length) {
      const from = queue.shift()!;
      for (const to of LEAD_STATUSES) {
        if (!canChangeStatus(from, to) || reached.has(to)) continue;
        reached.add(to);
        queue.push(to);
      }
    }
    expect([...reached].sort()).toEqual([...LEAD_STATUSES].sort());
  });
});
