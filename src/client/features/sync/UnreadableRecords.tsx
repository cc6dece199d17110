import { useLiveQuery } from 'dexie-react-hooks';

import { useDatabase } from '../../db/use-database';
import { useT } from '../../i18n/use-t';
import { STATE, useSyncStatus } from '../../sync';
import { unreadableText } from './sync-text';

/**
 * Records the team server sent that did not parse with their definitions: set aside (never stored,
 * so no screen breaks on them) and named here, so the analyst can tell an administrator which.
 * Nothing when there are none.
 */
export function UnreadableRecords() {
  const t = useT();
  const db = useDatabase();
  const count = useSyncStatus((s) => s.unreadable);
  const notes = useLiveQuery(
    async () => (count > 0 ? ((await db.syncState.get(STATE.unreadable))?.unreadable ?? []) : []),
    [db, count],
  );
  if (!notes || notes.length === 0) return null;
  return (
    <section className="unreadable-records" role="alert" aria-labelledby="unreadable-records-title">
      <h2 id="unreadable-records-title">{t('sync.unreadable.title', { count: notes.length })}</h2>
      <p>{t('sync.unreadable.body')}</p>
      <ul>
        {notes.map((n) => (
          <li key={`${n.entity}:${n.entityId}`}>{unreadableText(t, n)}</li>
        ))}
      </ul>
    </section>
  );
}
