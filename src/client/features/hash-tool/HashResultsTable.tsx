import { memo } from 'react';

import type { MessageKey } from '../../i18n/catalog';
import { hashDetailText, hashProblemText } from '../../i18n/hash-problem-text';
import { useT } from '../../i18n/use-t';
import type { HashRow } from './use-hash-batch';

/** Reference order: original, rotate90, rotate180, rotate270, flipX, flipY, flipPlus1, flipMinus1. */
const DIHEDRAL_LABELS: readonly MessageKey[] = [
  'hashTool.dih.original',
  'hashTool.dih.rotate90',
  'hashTool.dih.rotate180',
  'hashTool.dih.rotate270',
  'hashTool.dih.flipX',
  'hashTool.dih.flipY',
  'hashTool.dih.flipPlus1',
  'hashTool.dih.flipMinus1',
];

/** One row per file: the hashes, or the reason it could not be hashed, in words. */
export function HashResultsTable({ rows, cancelled }: { rows: readonly HashRow[]; cancelled: boolean }) {
  const t = useT();
  return (
    <div className="hash-table-scroll">
      <table className="hash-table" aria-label={t('hashTool.table')}>
        <thead>
          <tr>
            <th scope="col">{t('hashTool.col.name')}</th>
            <th scope="col">{t('hashTool.col.size')}</th>
            <th scope="col">{t('hashTool.col.dimensions')}</th>
            <th scope="col">{t('hashTool.col.md5')}</th>
            <th scope="col">{t('hashTool.col.sha1')}</th>
            <th scope="col">{t('hashTool.col.sha256')}</th>
            <th scope="col">{t('hashTool.col.pdq')}</th>
            <th scope="col">{t('hashTool.col.quality')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <HashResultRow key={row.id} row={row} cancelled={cancelled} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Memoised: a row re-renders only when its own result arrives. */
const HashResultRow = memo(function HashResultRow({ row, cancelled }: { row: HashRow; cancelled: boolean }) {
  const t = useT();
  const r = row.result;
  return (
    <tr key={row.id}>
      <th scope="row" className="hash-name">
        {row.name}
      </th>
      <td>{t('hashTool.bytes', { size: row.size })}</td>
      {!r ? (
        <td colSpan={6} className="muted">
          {t(cancelled ? 'hashTool.notHashedCancelled' : 'hashTool.pending')}
        </td>
      ) : (
        <>
          {r.ok ? (
            <td>{`${r.width} × ${r.height}`}</td>
          ) : (
            <td className="error" data-reason={r.reason} data-problem={r.problem.code}>
              {t('hashTool.error', { message: hashProblemText(t, r.problem) })}
              {r.detail ? <small className="hash-error-detail">{hashDetailText(t, r.detail)}</small> : null}
            </td>
          )}
          <td className="hash-hex">{r.md5 ?? ''}</td>
          <td className="hash-hex">{r.sha1 ?? ''}</td>
          <td className="hash-hex">{r.sha256 ?? ''}</td>
          <td className="hash-hex">
            {r.ok && 'kind' in r ? (
              t('hashTool.videoFrames', { count: r.vpdq.length })
            ) : r.ok ? (
              <>
                {r.pdq}
                <details>
                  <summary>{t('hashTool.dihedral')}</summary>
                  <ol aria-label={t('hashTool.dihedral')}>
                    {r.pdqDihedral.map((hex, k) => (
                      <li key={k}>
                        <span className="muted">{t(DIHEDRAL_LABELS[k] ?? 'hashTool.dih.original')}</span>{' '}
                        <span>{hex}</span>
                      </li>
                    ))}
                  </ol>
                </details>
              </>
            ) : (
              ''
            )}
          </td>
          <td>
            {!r.ok
              ? ''
              : 'kind' in r
                ? t('hashTool.videoDuration', { seconds: Math.round(r.durationMs / 1000) })
                : r.pdqQuality < 50
                  ? t('hashTool.lowQuality', { quality: r.pdqQuality })
                  : r.pdqQuality}
          </td>
        </>
      )}
    </tr>
  );
});
