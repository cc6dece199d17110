import { useId, useState, type FormEvent } from 'react';

import type { CurrentClue } from '../../../domain/leads/clue';
import type { LeadChange, SeriesLead } from '../../../domain/leads/series-lead';
import { clueTypeKey } from '../../i18n/domain-keys';
import { useT } from '../../i18n/use-t';

/** Tags, offender leads and location hypotheses (each linked to the clues that support it). */
export function LeadLists(props: {
  lead: SeriesLead;
  clues: readonly CurrentClue[];
  newId: () => string;
  onChange: (change: LeadChange) => Promise<boolean>;
}) {
  const t = useT();
  const id = useId();
  const { lead } = props;
  const [tags, setTags] = useState(lead.tags.join(', '));
  const [offender, setOffender] = useState('');
  const [location, setLocation] = useState('');
  const [support, setSupport] = useState<ReadonlySet<string>>(new Set());
  const clueLabel = (clueId: string) => {
    const index = props.clues.findIndex((c) => c.revision.clueId === clueId);
    const clue = props.clues[index];
    return clue
      ? t('leads.location.clueRef', {
          n: index + 1,
          type: t(clueTypeKey(clue.revision.type)),
          note: clue.revision.note,
        })
      : t('leads.location.clueGone');
  };

  const submit = (handler: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    void handler();
  };

  return (
    <>
      <form
        className="inline-form"
        onSubmit={submit(async () => {
          await props.onChange({ kind: 'tags', tags: tags.split(',') });
        })}
      >
        <label htmlFor={`${id}-tags`}>{t('leads.tags.label')}</label>
        <input
          id={`${id}-tags`}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          aria-describedby={`${id}-tags-hint`}
        />
        <button type="submit" className="button">
          {t('leads.tags.save')}
        </button>
        <span id={`${id}-tags-hint`} className="hint">
          {t('leads.tags.hint')}
        </span>
      </form>

      <section aria-labelledby={`${id}-off`}>
        <h3 id={`${id}-off`}>{t('leads.offender.title')}</h3>
        <ul className="plain-list">
          {lead.offenderLeads.map((o) => (
            <li key={o.id}>
              <span>{o.text}</span>
              <button
                type="button"
                className="button"
                onClick={() => void props.onChange({ kind: 'offender-remove', id: o.id })}
              >
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
        <form
          className="inline-form"
          onSubmit={submit(async () => {
            if (await props.onChange({ kind: 'offender-add', id: props.newId(), text: offender }))
              setOffender('');
          })}
        >
          <label htmlFor={`${id}-off-text`}>{t('leads.offender.label')}</label>
          <input id={`${id}-off-text`} value={offender} onChange={(e) => setOffender(e.target.value)} />
          <button type="submit" className="button">
            {t('common.add')}
          </button>
        </form>
      </section>

      <section aria-labelledby={`${id}-loc`}>
        <h3 id={`${id}-loc`}>{t('leads.location.title')}</h3>
        <ul className="plain-list">
          {lead.locations.map((l) => (
            <li key={l.id}>
              <span>
                {l.text}
                {l.clueIds.length > 0 ? (
                  <span className="muted">
                    {' '}
                    — {t('leads.location.supportedBy', { clues: l.clueIds.map(clueLabel).join('; ') })}
                  </span>
                ) : null}
              </span>
              <button
                type="button"
                className="button"
                onClick={() => void props.onChange({ kind: 'location-remove', id: l.id })}
              >
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={submit(async () => {
            if (
              await props.onChange({
                kind: 'location-add',
                id: props.newId(),
                text: location,
                clueIds: [...support],
              })
            ) {
              setLocation('');
              setSupport(new Set());
            }
          })}
        >
          <div className="field">
            <label htmlFor={`${id}-loc-text`}>{t('leads.location.label')}</label>
            <input id={`${id}-loc-text`} value={location} onChange={(e) => setLocation(e.target.value)} />
          </div>
          {props.clues.length > 0 ? (
            <fieldset>
              <legend>{t('leads.location.support')}</legend>
              {props.clues.map((c) => (
                <label key={c.revision.clueId} className="check">
                  <input
                    type="checkbox"
                    checked={support.has(c.revision.clueId)}
                    onChange={(e) =>
                      setSupport((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(c.revision.clueId);
                        else next.delete(c.revision.clueId);
                        return next;
                      })
                    }
                  />
                  {clueLabel(c.revision.clueId)}
                </label>
              ))}
            </fieldset>
          ) : null}
          <button type="submit" className="button">
            {t('leads.location.add')}
          </button>
        </form>
      </section>
    </>
  );
}
