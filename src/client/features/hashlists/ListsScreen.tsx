import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';

import type { HashList } from '../../../domain/hashlists/hash-list';
import { isCategorySchemeId } from '../../../domain/case/category-schemes';
import { deleteList, listHashLists, setListEnabled } from '../../db/hash-lists.repository';
import type { WaymarkDatabase } from '../../db/database';
import { useDatabase } from '../../db/use-database';
import type { MessageKey } from '../../i18n/catalog';
import { useLanguage, useT } from '../../i18n/use-t';
import { EmptyState } from '../../ui/EmptyState';
import { ImportListForm } from './ImportListForm';
import { ListEntries } from './ListEntries';
import './hashlists.css';

/** The Lists screen: import lists, see their counts, switch them on or off, delete them. */
export function ListsScreen() {
  const t = useT();
  const db = useDatabase();
  const lists = useLiveQuery(() => listHashLists(db), [db]);
  return (
    <div className="screen lists-screen">
      <div className="screen-header">
        <h1>{t('lists.title')}</h1>
      </div>
      <p className="muted">{t('lists.intro')}</p>
      <ImportListForm db={db} />
      {lists === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : lists.length === 0 ? (
        <EmptyState title={t('lists.empty.title')}>{t('lists.empty.body')}</EmptyState>
      ) : (
        <ListsTable db={db} lists={lists} />
      )}
    </div>
  );
}

function ListsTable(props: { db: WaymarkDatabase; lists: readonly HashList[] }) {
  const t = useT();
  const language = useLanguage();
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(language);
  const [open, setOpen] = useState<string | null>(null);
  const openList = props.lists.find((l) => l.id === open);
  const schemeLabel = (s: string | null) =>
    s === null ? t('lists.scheme.none') : isCategorySchemeId(s) ? t(`category.scheme.${s}` as MessageKey) : s;
  return (
    <>
      <table className="lists-table">
        <caption>{t('lists.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lists.col.enabled')}</th>
            <th scope="col">{t('lists.col.name')}</th>
            <th scope="col">{t('lists.col.format')}</th>
            <th scope="col">{t('lists.col.kind')}</th>
            <th scope="col">{t('lists.col.count')}</th>
            <th scope="col">{t('lists.col.scheme')}</th>
            <th scope="col">{t('lists.col.imported')}</th>
            <th scope="col">{t('lists.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.lists.map((list) => (
            <tr key={list.id}>
              <td>
                <EnabledToggle
                  key={String(list.enabled)}
                  db={props.db}
                  list={list}
                  label={t('lists.enabled', { name: list.name })}
                />
              </td>
              <th scope="row" title={list.source}>
                {list.name}
              </th>
              <td>{t(`lists.format.${list.format}`)}</td>
              <td>{t(`lists.kind.${list.kind}`)}</td>
              <td className="numeric">{number.format(list.count)}</td>
              <td>{schemeLabel(list.schemeId)}</td>
              <td>{date.format(new Date(list.importedAt))}</td>
              <td>
                <button
                  type="button"
                  aria-pressed={open === list.id}
                  onClick={() => setOpen(open === list.id ? null : list.id)}
                >
                  {t('lists.entries.show', { name: list.name })}
                </button>{' '}
                <button
                  type="button"
                  className="danger"
                  aria-label={t('lists.delete', { name: list.name })}
                  onClick={() => {
                    if (window.confirm(t('lists.deleteConfirm', { name: list.name })))
                      void deleteList(props.db, list.id);
                  }}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {openList ? <ListEntries key={openList.id} db={props.db} list={openList} /> : null}
      <p className="muted">{t('lists.changed')}</p>
    </>
  );
}

/**
 * The box follows the click at once (the stored value arrives a moment later through the live
 * query), so a keyboard or pointer toggle never seems to bounce back. Keyed by the stored value, so
 * a change made elsewhere (another tab) resets it.
 */
function EnabledToggle(props: { db: WaymarkDatabase; list: HashList; label: string }) {
  const { db, list } = props;
  const [checked, setChecked] = useState(list.enabled);
  return (
    <input
      type="checkbox"
      checked={checked}
      aria-label={props.label}
      onChange={(e) => {
        const enabled = e.target.checked;
        setChecked(enabled);
        setListEnabled(db, list.id, enabled).catch(() => setChecked(list.enabled));
      }}
    />
  );
}
