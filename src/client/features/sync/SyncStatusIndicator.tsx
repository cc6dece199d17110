import './sync.css';

import { useLanguage, useT } from '../../i18n/use-t';
import { syncNow, useSyncStatus } from './engine';
import { syncStatusSentence, type SyncStatusView } from './sync-text';

/** The header's sync status and "Sync now"; nothing while sync is off (signed out, or no server). */
export function SyncStatusIndicator() {
  const status = useSyncStatus();
  return <SyncStatusLine status={status} onSyncNow={syncNow} />;
}

/**
 * The status sentence is a polite live region named "Sync status", so a change ("Offline — 3 changes
 * waiting", "Synced at 14:03") is read out without moving focus; the button stays outside it so its
 * label is not announced with every change.
 */
export function SyncStatusLine(props: { status: SyncStatusView; onSyncNow: () => void; now?: Date }) {
  const t = useT();
  const language = useLanguage();
  const { status } = props;
  if (status.state === 'off') return null;
  return (
    <div className="sync-indicator" data-state={status.state}>
      <span className="sync-dot" aria-hidden="true" />
      <p className="sync-indicator-text" role="status" aria-live="polite" aria-label={t('sync.status.label')}>
        {syncStatusSentence(t, status, language, props.now)}
      </p>
      <button
        type="button"
        className="sync-now"
        disabled={status.state === 'syncing'}
        onClick={props.onSyncNow}
      >
        {t('sync.now')}
      </button>
    </div>
  );
}
