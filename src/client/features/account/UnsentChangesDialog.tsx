import { useEffect, useId, useRef } from 'react';

import { useT } from '../../i18n/use-t';

/**
 * Asked when signing out would drop changes that could not be sent (offline, held by a budget): a
 * modal dialog (native <dialog>) whose safe choice, "Stay signed in", has the focus; discarding is the
 * analyst's explicit act.
 */
export function UnsentChangesDialog(props: {
  unsent: number | null;
  busy: boolean;
  onStay: () => void;
  onDiscard: () => void;
}) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const open = props.unsent !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  const count = props.unsent ?? 0;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={() => {
        if (open) props.onStay();
      }}
    >
      <h2 id={`${id}-title`}>{t('account.signOut.unsent.title')}</h2>
      <div id={`${id}-body`}>
        <p>{t('account.signOut.unsent.body', { count })}</p>
        <p className="muted">{t('account.signOut.unsent.detail')}</p>
      </div>
      <div className="dialog-actions">
        {/* Closed here, so the dialog's own focus return runs before onStay moves the focus on. */}
        <button type="button" className="button primary" autoFocus onClick={() => ref.current?.close()}>
          {t('account.signOut.unsent.stay')}
        </button>
        <button type="button" className="button danger" disabled={props.busy} onClick={props.onDiscard}>
          {t('account.signOut.unsent.discard', { count })}
        </button>
      </div>
    </dialog>
  );
}
