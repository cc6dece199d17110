import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';

import type { HashList, HashListEntry } from '../../../domain/hashlists/hash-list';
import type { WaymarkDatabase } from '../../db/database';
import { listEntriesPage, setEntryEnabled } from '../../db/hash-lists.repository';
import { useT } from '../../i18n/use-t';

const PAGE = 50;

const short = (hash: string | undefined) => (hash ? `${hash.slice(0, 12)}…` : '');

/** One list's entries, a page at a time in file order, each switchable (a false-positive-prone entry). */
export function ListEntries(props: { db: WaymarkDatabase; list: HashList }) {
  const t = useT();
  const { db, list } = props;
  const [from, setFrom] = useState(1);
  const page = useLiveQuery(() => listEntriesPage(db, list.id, from, PAGE + 1), [db, list.id, from]);
  if (!page) return <p role="status">{t('common.loading')}</p>;
  const rows = page.slice(0, PAGE);
  const next = page[PAGE];
  return (
    <div className="list-entries">
      <table className="lists-table">
        <caption>{t('lists.entries.title', { name: list.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lists.col.enabled')}</th>
            <th scope="col">{t('lists.entries.ordinal')}</th>
            <th scope="col">{t('lists.entries.hashes')}</th>
            <th scope="col">{t('lists.entries.category')}</th>
            <th scope="col">{t('lists.entries.label')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <EntryRow key={`${e.id}:${String(e.enabled)}`} db={db} entry={e} />
          ))}
        </tbody>
      </table>
      <div className="list-entries-pager">
        <button type="button" disabled={from <= 1} onClick={() => setFrom(Math.max(1, from - PAGE))}>
          {t('lists.entries.previous')}
        </button>
        <button type="button" disabled={!next} onClick={() => next && setFrom(next.ordinal)}>
          {t('lists.entries.next')}
        </button>
      </div>
    </div>
  );
}

function EntryRow(props: { db: WaymarkDatabase; entry: HashListEntry }) {
  const t = useT();
  const { db, entry: e } = props;
  const [checked, setChecked] = useState(e.enabled);
  const hashes = [
    e.md5 ? `MD5 ${short(e.md5)}` : '',
    e.sha1 ? `SHA-1 ${short(e.sha1)}` : '',
    e.sha256 ? `SHA-256 ${short(e.sha256)}` : '',
    e.pdq ? `PDQ ${short(e.pdq)}` : '',
  ].filter(Boolean);
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          checked={checked}
          aria-label={t('lists.entries.enabled', { entry: e.ordinal })}
          onChange={(ev) => {
            const enabled = ev.target.checked;
            setChecked(enabled);
            setEntryEnabled(db, e.id, enabled).catch(() => setChecked(e.enabled));
          }}
        />
      </td>
      <td className="numeric">{e.ordinal}</td>
      <td>
        <code>{hashes.join(' · ')}</code>
      </td>
      <td>{e.category ?? ''}</td>
      <td>{[e.series, e.label].filter(Boolean).join(' · ')}</td>
    </tr>
  );
}
