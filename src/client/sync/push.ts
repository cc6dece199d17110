import { SYNC_PROTOCOL_VERSION, type HoldingBudget, type Mutation } from '../../contract/sync.contract';
import type { WaymarkDatabase } from '../db/database';
import type { OutboxRow } from './sync-records';
import type { SyncTransport } from './transport';

export const PUSH_BATCH = 500;

/** The server is waiting for a change this browser no longer holds (should never happen; said in words). */
export class PushStuckError extends Error {
  constructor(expected: number) {
    super(`The server is waiting for change ${expected} from this browser, which it no longer holds.`);
    this.name = 'PushStuckError';
  }
}

/**
 * The server took part of the outbox and holds the rest until the account's budget allows it (the
 * rows stay here, nothing is lost). Raised after the pull, so the analyst still receives what others did.
 */
export class PushHeldError extends Error {
  constructor(
    readonly budget: HoldingBudget,
    readonly retryAfterSeconds: number | null,
  ) {
    super(`The team server holds the rest of this browser's changes (budget: ${budget}).`);
    this.name = 'PushHeldError';
  }
}

export function toMutation(row: OutboxRow): Mutation {
  return {
    mutationId: row.mutationId,
    seq: row.seq,
    caseId: row.caseId,
    entity: row.entity,
    id: row.entityId,
    op: row.op,
    ...(row.fields ? { fields: row.fields } : {}),
    ...(row.previous ? { previous: row.previous } : {}),
    ...(row.baseVersions ? { baseVersions: row.baseVersions } : {}),
  };
}

/**
 * Sends the outbox in seq order, in batches of at most 500, and deletes every row up to the `lastSeq`
 * the server answers (applied, duplicate or refused alike: refusals come back through pull). A repeated
 * or lost answer is harmless: the server skips seqs it has. Returns how many rows were answered, and
 * the budget that held the rest when the server stopped early.
 */
export async function pushOutbox(
  db: WaymarkDatabase,
  transport: SyncTransport,
  clientId: string,
  batch = PUSH_BATCH,
): Promise<{ answered: number; held: PushHeldError | null }> {
  let answered = 0;
  for (;;) {
    const rows = await db.outbox.orderBy('seq').limit(batch).toArray();
    const first = rows[0];
    if (!first) return { answered, held: null };
    const response = await transport.push({
      protocol: SYNC_PROTOCOL_VERSION,
      clientId,
      mutations: rows.map(toMutation),
    });
    const done = await db.outbox.where('seq').belowOrEqual(response.lastSeq).delete();
    answered += done;
    if (response.held)
      return { answered, held: new PushHeldError(response.held.budget, response.held.retryAfterSeconds) };
    if (response.lastSeq < first.seq) throw new PushStuckError(response.lastSeq + 1);
    if (done === 0) return { answered, held: null };
  }
}
