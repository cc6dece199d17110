import { z } from 'zod';

import { isUlid } from '../domain/case/ids';

/**
 * What left a browser: the kinds of export of a case the browser reports to the team server's audit
 * trail (`case.exported`). Only for team cases; the report carries counts and ids, never content.
 */
export const CaseExportFormat = z.enum([
  'vics-case',
  'vics-hash-set',
  'signatures-csv',
  'trace-crop',
  'trace-sheet',
  'report',
]);
export type CaseExportFormat = z.infer<typeof CaseExportFormat>;

export const CaseExportReport = z
  .object({
    format: CaseExportFormat,
    /** How many records the export holds (media in a VICS file, rows in a CSV), when it counts them. */
    items: z.number().int().min(0).max(100_000_000).optional(),
    /** The series a trace export or report is about. */
    seriesId: z.string().refine(isUlid, 'a series id is a ULID').optional(),
    /** The clue a trace export cut out. */
    clueId: z.string().refine(isUlid, 'a clue id is a ULID').optional(),
    /** When the browser made the export (its clock); a report sent later (offline) says so. */
    exportedAt: z.string().datetime(),
    /** Sent later than the export: the browser was offline, or nobody was signed in at the time. */
    delayed: z.enum(['offline', 'signed-out']).optional(),
  })
  .strict();
export type CaseExportReport = z.infer<typeof CaseExportReport>;
