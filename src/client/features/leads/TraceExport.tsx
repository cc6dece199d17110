import { useId, useState } from 'react';

import type { ClueRevision } from '../../../domain/leads/clue';
import { checkTraceQuestion, traceFileName, traceSheetText } from '../../../domain/leads/trace-sheet';
import { useReportCaseExport } from '../../api/case-exports';
import type { WaymarkDatabase } from '../../db/database';
import { clueQuestionKey, clueTypeKey } from '../../i18n/domain-keys';
import { useT } from '../../i18n/use-t';
import { downloadBlob } from '../../ui/download-blob';
import { verifyOriginal } from '../originals/verify-original';
import { cropToPng } from './crop-image';
import type { MediaRecord } from '../../db/records';

/**
 * Trace-an-Object export: the crop as a PNG with no metadata, and a text sheet with the clue type,
 * the question and the case reference. The browser keeps only thumbnails, so a full-resolution crop
 * needs the original file, which must hash to the image the clue was drawn on.
 */
export function TraceExport(props: {
  db: WaymarkDatabase;
  clue: ClueRevision;
  media: MediaRecord | undefined;
  caseReference: string;
  onClose: () => void;
}) {
  const t = useT();
  const id = useId();
  const { clue } = props;
  const [question, setQuestion] = useState(() => t(clueQuestionKey(clue.type)));
  const [original, setOriginal] = useState<File | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const questionProblem = checkTraceQuestion(question);
  const reportExport = useReportCaseExport();
  const facts = { seriesId: clue.seriesId, clueId: clue.clueId };

  const chooseOriginal = async (file: File | undefined) => {
    setError(null);
    setDone(null);
    setOriginal(null);
    if (!file || !props.media) return;
    setChecking(true);
    const check = await verifyOriginal(file, props.media.sha256);
    setChecking(false);
    if (check === 'ok') setOriginal(file);
    else setError(t(check === 'wrong' ? 'leads.export.wrongFile' : 'leads.export.unreadable'));
  };

  const downloadCrop = async () => {
    setError(null);
    setDone(null);
    try {
      const source = original ?? (await props.db.thumbnails.get(clue.mediaId as never))?.blob;
      if (!source) {
        setError(t('leads.export.noImage'));
        return;
      }
      const crop = await cropToPng(source, clue.region);
      reportExport(clue.caseId, { format: 'trace-crop', ...facts });
      downloadBlob(crop.blob, traceFileName(clue.clueId, clue.type, 'png'));
      setDone(t('leads.export.cropSaved', { width: crop.width, height: crop.height }));
    } catch {
      setError(t('leads.export.cropFailed'));
    }
  };

  const downloadSheet = () => {
    if (questionProblem) return;
    const text = traceSheetText(
      { clueTypeLabel: t(clueTypeKey(clue.type)), question, caseReference: props.caseReference },
      {
        clueType: t('leads.export.sheet.clueType'),
        question: t('leads.export.sheet.question'),
        caseReference: t('leads.export.sheet.caseReference'),
      },
    );
    reportExport(clue.caseId, { format: 'trace-sheet', ...facts });
    downloadBlob(
      new Blob([text], { type: 'text/plain;charset=utf-8' }),
      traceFileName(clue.clueId, clue.type, 'txt'),
    );
    setDone(t('leads.export.sheetSaved'));
  };

  return (
    <section className="trace-export" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('leads.export.title')}</h3>
      <p className="muted">{t('leads.export.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('leads.export.question')}</label>
        <textarea
          id={`${id}-q`}
          rows={2}
          value={question}
          aria-invalid={questionProblem !== null}
          onChange={(e) => setQuestion(e.target.value)}
        />
        {questionProblem ? <p className="error">{t(`leads.export.question.${questionProblem}`)}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('leads.export.original')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="image/*"
          onChange={(e) => void chooseOriginal(e.target.files?.[0])}
        />
        <p className="hint">{t('leads.export.originalHint')}</p>
      </div>
      <p role="status" className={original ? 'ok' : 'notice'}>
        {checking
          ? t('leads.export.checking')
          : original
            ? t('leads.export.fullResolution')
            : t('leads.export.lowResolution')}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button
          type="button"
          className="button primary"
          disabled={checking}
          onClick={() => void downloadCrop()}
        >
          {t('leads.export.downloadCrop')}
        </button>
        <button type="button" className="button" disabled={questionProblem !== null} onClick={downloadSheet}>
          {t('leads.export.downloadSheet')}
        </button>
        <button type="button" className="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
      {done ? <p className="ok">{done}</p> : null}
    </section>
  );
}
