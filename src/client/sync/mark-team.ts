import type { WaymarkDatabase } from '../db/database';
import { runApplying } from './applying';

/**
 * Makes a case a team case: the flag on its record first (committed), then the in-memory set, so a
 * reload of the set from the records (another tab's change) can never drop it again. From here on every
 * local write to the case goes to the outbox.
 */
export async function markTeamCase(db: WaymarkDatabase, caseId: string): Promise<void> {
  await runApplying(db, [db.cases], async () => {
    await db.cases.update(caseId as never, { team: true });
  });
  db.teamCases.add(caseId);
}
