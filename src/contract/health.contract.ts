import { z } from 'zod';

export const DatabaseKind = z.enum(['sqlite', 'postgres']);
export type DatabaseKind = z.infer<typeof DatabaseKind>;

/** `GET /api/health`: liveness plus what the server runs on. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: DatabaseKind,
});
export type HealthResponse = z.infer<typeof HealthResponse>;
