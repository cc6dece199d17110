import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import { teamCaseQueries } from '../../api/team-cases.queries';
import type { WaymarkDatabase } from '../../db/database';
import { useLanguage, useT } from '../../i18n/use-t';
import { shareCase, useSyncStatus } from './engine';
import { syncStatusSentence } from './sync-text';

export interface ShareProgress {
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
  const [progress, setProgress] = useState<ShareProgress | null>(null);
  const share = useMutation({
    mutationFn: () => shareCase(props.db, props.caseId, setProgress),
    // The server now knows the case: the members panel asks again.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamCaseQueries.all() }),
    onSettled: () => setProgress(null),
  });

  return (
    <TeamSharingView
      team={props.team}
      statusSentence={syncStatusSentence(t, status, language)}
      sharing={share.isPending}
      progress={progress}
      error={share.error ? t('sync.share.failed', { reason: share.error.message }) : null}
      shared={share.isSuccess}
      onShare={() => share.mutate()}
    />
  );
}

export function TeamSharingView(props: {
  team: boolean;
  statusSentence: string;
  sharing: boolean;
  progress: ShareProgress | null;
  error: string | null;
  shared: boolean;
  onShare: () => void;
}) {
  const t = useT();
  const id = useId();
  let body;
  if (props.team)
    body = (
      <>
        {props.shared ? <p role="status">{t('sync.share.done')}</p> : null}
        <p>{t('sync.case.team')}</p>
        {props.statusSentence ? <p className="muted">{props.statusSentence}</p> : null}
      </>
    );
  else {
    const { progress } = props;
    const text = progress ? t('sync.share.progress', { done: progress.done, total: progress.total }) : '';
    body = (
      <>
        <p className="muted">{t('sync.case.local')}</p>
        {props.error ? (
          <p className="error" role="alert">
            {props.error}
          </p>
        ) : null}
        <button
          type="button"
          className="button primary"
          aria-disabled={props.sharing || undefined}
          onClick={() => !props.sharing && props.onShare()}
        >
          {props.sharing ? t('sync.sharing') : t('sync.share')}
        </button>
        {props.sharing ? (
          <div className="sync-progress">
            <div
              role="progressbar"
              aria-label={t('sync.share.progressLabel')}
              aria-valuemin={0}
              aria-valuemax={progress && progress.total > 0 ? progress.total : undefined}
              aria-valuenow={progress && progress.total > 0 ? progress.done : undefined}
              aria-valuetext={text || undefined}
              className="sync-progress-track"
            >
              <div
                className="sync-progress-fill"
                data-indeterminate={!progress || progress.total === 0}
                style={{
                  inlineSize:
                    progress && progress.total > 0
                      ? `${Math.min(100, (100 * progress.done) / progress.total)}%`
                      : '100%',
                }}
              />
            </div>
            {text ? <p className="muted">{text}</p> : null}
          </div>
        ) : null}
      </>
    );
  }
  return (
    <section className="sync-panel sync-team" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('sync.case.title')}</h2>
      {body}
    </section>
  );
}
