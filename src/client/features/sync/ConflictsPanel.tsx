import { useId, useRef, useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/use-t';
import { resolveConflict, useConflicts } from '../../sync';
import { conflictFieldLabel, conflictItemText, conflictValueText } from './sync-text';
import { useFileNames, useSeriesNames } from './use-sync-labels';

export type ConflictChoice = 'mine' | 'theirs';

/** One open conflict, already in words. */
export interface ConflictItem {
  readonly id: string;
  /** "Category of image IMG_0042.jpg" */
  readonly title: string;
  readonly field: string;
  readonly mine: string;
  readonly theirs: string;
}

/**
 * The open conflicts of a case, for the analyst to decide (base-version fields: category, VICS flags,
 * lead status, victim profile). Nothing is shown while there are none, until the analyst has decided
 * one in this visit.
 */
export function ConflictsPanel(props: { db: WaymarkDatabase; caseId: CaseId; categoryScheme?: string }) {
  const t = useT();
  const { db, caseId } = props;
  const open = (useConflicts(caseId) ?? []).filter((c) => c.status === 'open');
  const seriesNames = useSeriesNames(db, caseId);
  const fileNames = useFileNames(
    db,
    open.filter((c) => c.entity === 'media').map((c) => c.entityId),
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Once the analyst has decided one, the panel stays (saying none are left) so focus has a place to go.
  const [decided, setDecided] = useState(false);

  const items: ConflictItem[] = open.map((c) => {
    const field = conflictFieldLabel(t, c.entity, c.field);
    const item = conflictItemText(t, c.entity, c.entityId, {
      fileName: fileNames.get(c.entityId),
      seriesName: seriesNames.get(c.entityId),
    });
    return {
      id: c.id,
      field,
      title: t('sync.conflicts.of', { field, item }),
      mine: conflictValueText(t, c.entity, c.field, c.mine, props.categoryScheme),
      theirs: conflictValueText(t, c.entity, c.field, c.theirs, props.categoryScheme),
    };
  });

  function onResolve(conflict: ConflictItem, choice: ConflictChoice) {
    if (busy) return;
    setBusy(conflict.id);
    setError(null);
    setDecided(true);
    resolveConflict(db, conflict.id, choice).then(
      () => {
        setBusy(null);
        setAnnouncement(
          t('sync.conflicts.kept', {
            value: choice === 'mine' ? conflict.mine : conflict.theirs,
            field: conflict.title,
          }),
        );
      },
      (cause: unknown) => {
        setBusy(null);
        setError(t('sync.conflicts.failed', { reason: errorText(t, cause) }));
      },
    );
  }

  return (
    <>
      {items.length > 0 || decided ? (
        <ConflictList items={items} busyId={busy} error={error} onResolve={onResolve} />
      ) : null}
      <p role="status" className="sync-announce">
        {announcement}
      </p>
    </>
  );
}

/**
 * Each conflict side by side, "Yours" and "On the server", with the two choices. The buttons keep
 * the short names "Keep mine" / "Keep theirs" and are described by the conflict's title; after a
 * choice, focus goes to the next conflict's title (after the last, to the panel's heading), so the
 * keyboard user is not dropped to the top of the page.
 */
export function ConflictList(props: {
  items: readonly ConflictItem[];
  busyId: string | null;
  error: string | null;
  onResolve: (item: ConflictItem, choice: ConflictChoice) => void;
}) {
  const t = useT();
  const id = useId();
  const titles = useRef(new Map<string, HTMLHeadingElement>());
  const heading = useRef<HTMLHeadingElement>(null);

  function choose(index: number, choice: ConflictChoice) {
    const item = props.items[index];
    if (!item) return;
    props.onResolve(item, choice);
    const next = props.items[index + 1] ?? props.items[index - 1];
    if (next) titles.current.get(next.id)?.focus();
    else heading.current?.focus();
  }

  return (
    <section className="sync-panel sync-conflicts" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('sync.conflicts.title')}
      </h2>
      <p className="muted">{props.items.length > 0 ? t('sync.conflicts.intro') : t('sync.conflicts.none')}</p>
      {props.error ? (
        <p className="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <ul className="sync-list" aria-labelledby={`${id}-title`} hidden={props.items.length === 0}>
        {props.items.map((item, index) => {
          const titleId = `${id}-c${index}`;
          const busy = props.busyId === item.id;
          return (
            <li
              key={item.id}
              className="sync-conflict"
              aria-labelledby={titleId}
              aria-busy={busy || undefined}
            >
              <h3
                id={titleId}
                tabIndex={-1}
                ref={(el) => {
                  if (el) titles.current.set(item.id, el);
                  else titles.current.delete(item.id);
                }}
              >
                {item.title}
              </h3>
              <dl className="sync-sides">
                <div className="sync-side">
                  <dt>{t('sync.conflicts.yours')}</dt>
                  <dd>{item.mine}</dd>
                </div>
                <div className="sync-side">
                  <dt>{t('sync.conflicts.theirs')}</dt>
                  <dd>{item.theirs}</dd>
                </div>
              </dl>
              <div className="sync-actions">
                {/* aria-disabled, not disabled: a disabled button drops the keyboard focus it holds. */}
                <button
                  type="button"
                  className="button"
                  aria-describedby={titleId}
                  aria-disabled={props.busyId !== null || undefined}
                  onClick={() => props.busyId === null && choose(index, 'mine')}
                >
                  {t('sync.conflicts.keepMine')}
                </button>
                <button
                  type="button"
                  className="button"
                  aria-describedby={titleId}
                  aria-disabled={props.busyId !== null || undefined}
                  onClick={() => props.busyId === null && choose(index, 'theirs')}
                >
                  {t('sync.conflicts.keepTheirs')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
