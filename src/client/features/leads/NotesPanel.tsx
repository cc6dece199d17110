import { useId, useState } from 'react';

import { currentNotes } from '../../../domain/leads/lead-search';
import { noteHistory, type NoteRevision } from '../../../domain/leads/note';
import { formatInstant } from '../../i18n/format-time';
import { useLanguage, useT } from '../../i18n/use-t';

/** Notes with their history: every wording, who wrote it and when (revisions, never overwritten). */
export function NotesPanel(props: {
  revisions: readonly NoteRevision[];
  onSave: (text: string, previousId?: string) => Promise<boolean>;
  onDelete: (headId: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const when = (iso: string) => formatInstant(iso, language);
  const id = useId();
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const notes = currentNotes(props.revisions);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('leads.notes.title')}</h3>
      <ul className="note-list" aria-label={t('leads.notes.title')}>
        {notes.map((note) => {
          const history = noteHistory(props.revisions, note.id);
          return (
            <li key={note.noteId}>
              {editing?.id === note.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void props.onSave(editing.text, note.id).then((ok) => ok && setEditing(null));
                  }}
                >
                  <label htmlFor={`${id}-edit`}>{t('leads.notes.editLabel')}</label>
                  <textarea
                    id={`${id}-edit`}
                    rows={3}
                    value={editing.text}
                    onChange={(e) => setEditing({ id: note.id, text: e.target.value })}
                  />
                  <button type="submit" className="button primary">
                    {t('common.save')}
                  </button>
                  <button type="button" className="button" onClick={() => setEditing(null)}>
                    {t('common.cancel')}
                  </button>
                </form>
              ) : (
                <>
                  <p>{note.text}</p>
                  <p className="muted">{t('leads.notes.by', { by: note.by, at: when(note.at) })}</p>
                  <button
                    type="button"
                    className="button"
                    onClick={() => setEditing({ id: note.id, text: note.text })}
                  >
                    {t('common.edit')}
                  </button>
                  <button type="button" className="button" onClick={() => props.onDelete(note.id)}>
                    {t('common.delete')}
                  </button>
                </>
              )}
              {history.length > 1 ? (
                <details>
                  <summary>{t('leads.notes.history', { count: history.length })}</summary>
                  <ol>
                    {history.map((h) => (
                      <li key={h.id}>
                        <span className="muted">{t('leads.notes.by', { by: h.by, at: when(h.at) })}</span>{' '}
                        {h.text}
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void props.onSave(text).then((ok) => ok && setText(''));
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('leads.notes.new')}</label>
          <textarea id={`${id}-new`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('leads.notes.add')}
        </button>
      </form>
    </section>
  );
}
