import './sync.css';

import { useLanguage, useT } from '../../i18n/use-t';
import { discardOtherAnalystChanges, syncNow, useSyncStatus } from '../../sync';
import { syncErrorDetail, syncStatusSentence, type SyncStatusView } from './sync-text';
import { useBrowserOnline } from './use-browser-online';

/** The header's sync status and "Sync now"; nothing while sync is off (signed out, or no server). */
export function SyncStatusIndicator() {
  const status = useSyncStatus();
  const browserOnline = useBrowserOnline();
  return (
    <SyncStatusLine
      status={status}
      browserOnline={browserOnline}
      onSyncNow={syncNow}
      onDiscardOtherAnalyst={() => void discardOtherAnalystChanges()}
    />
  );
}

/**
 * The status sentence is a polite live region named "Sync status", so a change ("Offline — 3 changes
 * waiting", "Synced at 14:03") is read out without moving focus; the button stays outside it so its
 * label is not announced with every change.
 */
export function SyncStatusLine(props: {
  status: SyncStatusView;
  browserOnline: boolean;
  onSyncNow: () => void;
  onDiscardOtherAnalyst?: () => void;
  now?: Date;
}) {
  const t = useT();
  const language = useLanguage();
  const { status } = props;
  if (status.state === 'off') return null;
  const sentence = syncStatusSentence(t, status, language, {
    browserOnline: props.browserOnline,
    ...(props.now ? { now: props.now } : {}),
  });
  const otherAnalyst = status.otherAnalystChanges ?? 0;
  const detail =
    status.state === 'error' && otherAnalyst === 0 ? syncErrorDetail(status.error, language) : null;
  return (
    <div className="sync-indicator" data-state={status.state}>
      <span className="sync-dot" aria-hidden="true" />
      <p className="sync-indicator-text" role="status" aria-live="polite" aria-label={t('sync.status.label')}>
        {otherAnalyst > 0 ? t('sync.otherAnalyst', { count: otherAnalyst }) : sentence}
        {detail ? (
          <>
            {' '}
            <span lang="en" dir="ltr" className="sync-detail">
              ({detail})
            </span>
          </>
        ) : null}
      </p>
      {otherAnalyst > 0 && props.onDiscardOtherAnalyst ? (
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm(t('sync.otherAnalyst.confirm'))) props.onDiscardOtherAnalyst?.();
          }}
        >
          {t('sync.otherAnalyst.discard')}
        </button>
      ) : null}
      {/* aria-disabled, not disabled: pressing it starts a sync, and a disabled button would drop focus. */}
      <button
        type="button"
        className="sync-now"
        aria-disabled={status.state === 'syncing' || undefined}
        onClick={() => status.state !== 'syncing' && props.onSyncNow()}
      >
        {t('sync.now')}
      </button>
    </div>
  );
}
