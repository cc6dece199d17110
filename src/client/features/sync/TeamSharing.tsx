import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import { teamCaseQueries } from '../../api/team-cases.queries';
import type { WaymarkDatabase } from '../../db/database';
import { errorText } from '../../i18n/error-text';
import { useLanguage, useT } from '../../i18n/use-t';
import { shareCase, useSyncStatus } from '../../sync';
import { rejectionText, syncStatusSentence } from './sync-text';
import { useBrowserOnline } from './use-browser-online';

/**
 * Sharing has two phases: the engine queues a `put` of every record of the case (fast, local), then
 * sync sends the queue. Both are shown on one bar; the second is read from the number of changes still
 * waiting, so it also counts edits made meanwhile (close enough for a progress bar, never negative).
 */
export interface SharingProgress {
  readonly phase: 'queue' | 'send';
  readonly done: number;
  readonly total: number;
}

/**
 * A signed-in analyst's view of a case's team sync: a local case offers "Share with team" (its records
 * go up through the sync protocol, images never), a team case says how sync stands.
 */
export function TeamSharing(props: { db: WaymarkDatabase; caseId: CaseId; team: boolean }) {
  const t = useT();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const status = useSyncStatus();
  const browserOnline = useBrowserOnline();
  const [queued, setQueued] = useState<{ done: number; total: number } | null>(null);
  const [sendTotal, setSendTotal] = useState<number | null>(null);
  const lastTotal = useRef(0);
  const share = useMutation({
    mutationFn: () =>
      shareCase(props.db, props.caseId, (p) => {
        lastTotal.current = p.total;
        setQueued(p);
      }),
    onSuccess: () => {
      setSendTotal(lastTotal.current);
      // The server now knows the case: the members panel asks again.
      void queryClient.invalidateQueries({ queryKey: teamCaseQueries.all() });
    },
    onSettled: () => setQueued(null),
  });
  // Everything sent: the bar goes (state adjusted while rendering, as React recommends over an effect).
  if (sendTotal !== null && !share.isPending && status.pending === 0) setSendTotal(null);

  let progress: SharingProgress | null = null;
  if (queued) progress = { phase: 'queue', ...queued };
  else if (sendTotal !== null && status.pending > 0)
    progress = { phase: 'send', done: Math.max(0, sendTotal - status.pending), total: sendTotal };

  return (
    <TeamSharingView
      team={props.team}
      statusSentence={syncStatusSentence(t, status, language, { browserOnline })}
      sharing={share.isPending}
      progress={progress}
      error={share.error ? t('sync.share.failed', { reason: errorText(t, share.error) }) : null}
      shared={share.isSuccess}
      rejection={status.lastRejection ? rejectionText(t, status.lastRejection) : null}
      onShare={() => share.mutate()}
    />
  );
}

export function TeamSharingView(props: {
  team: boolean;
  statusSentence: string;
  sharing: boolean;
  progress: SharingProgress | null;
  error: string | null;
  shared: boolean;
  /** The last change the server refused, in words. */
  rejection: string | null;
  onShare: () => void;
}) {
  const t = useT();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The "Share with team" button the analyst pressed is gone once the case is a team case: focus the
  // panel's heading, so the keyboard user stays here and hears the outcome.
  const justShared = props.team && props.shared;
  useEffect(() => {
    if (justShared) heading.current?.focus();
  }, [justShared]);
  const body = props.team ? (
    <>
      {props.shared ? <p role="status">{t('sync.share.done')}</p> : null}
      <p>{t('sync.case.team')}</p>
      {props.statusSentence ? <p className="muted">{props.statusSentence}</p> : null}
      {props.rejection ? (
        <p className="muted">
          {t('sync.rejected')} {props.rejection}
        </p>
      ) : null}
    </>
  ) : (
    <>
      <p className="muted">{t('sync.case.local')}</p>
      {props.error ? (
        <p className="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {/* aria-disabled, not disabled: a disabled button drops the keyboard focus it holds. */}
      <button
        type="button"
        className="button primary"
        aria-disabled={props.sharing || undefined}
        onClick={() => !props.sharing && props.onShare()}
      >
        {props.sharing ? t('sync.sharing') : t('sync.share')}
      </button>
    </>
  );
  return (
    <section className="sync-panel sync-team" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('sync.case.title')}
      </h2>
      {body}
      {props.progress ? <SharingBar progress={props.progress} /> : null}
    </section>
  );
}

function SharingBar(props: { progress: SharingProgress }) {
  const t = useT();
  const { phase, done, total } = props.progress;
  const known = total > 0;
  const text = known
    ? t(phase === 'queue' ? 'sync.share.queued' : 'sync.share.sent', { done, total })
    : t('sync.sharing');
  return (
    <div className="sync-progress">
      <div
        role="progressbar"
        aria-label={t('sync.share.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={text}
        className="sync-progress-track"
      >
        <div
          className="sync-progress-fill"
          data-indeterminate={!known}
          style={{ inlineSize: known ? `${Math.min(100, (100 * done) / total)}%` : '100%' }}
        />
      </div>
      <p className="muted">{text}</p>
    </div>
  );
}
