import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ulid } from 'ulidx';

import type { ClueRegion, CurrentClue } from '../../../domain/leads/clue';
import type { LeadChange } from '../../../domain/leads/series-lead';
import { addClue, changeClue } from '../../db/clues.repository';
import type { WaymarkDatabase } from '../../db/database';
import { changeLead, DEFAULT_ANALYST_NAME, setAnalystName } from '../../db/leads.repository';
import { removeNote, saveNote } from '../../db/notes.repository';
import { useDatabase } from '../../db/use-database';
import { clueTypeKey, seriesTitle } from '../../i18n/domain-keys';
import { useT } from '../../i18n/use-t';
import { EmptyState } from '../../ui/EmptyState';
import { LARGE_VIEW_BLUR, useReveal, useWellnessSettings, wellnessFilter } from '../wellness/wellness.store';
import { useAccountAuthor } from '../../api/account-author';
import { AnalystNamePrompt } from './AnalystNamePrompt';
import { OpenOriginal } from '../originals/OpenOriginal';
import { useOriginal } from '../originals/session-originals';
import { ClueCanvas } from './ClueCanvas';
import { ClueForm, type ClueDraft } from './ClueForm';
import { ClueList } from './ClueList';
import { cropToPng } from './crop-image';
import { LeadHistory } from './LeadHistory';
import { LeadLists } from './LeadLists';
import { LeadStatusControl } from './LeadStatusControl';
import { NotesPanel } from './NotesPanel';
import { TraceExport } from './TraceExport';
import { useBlobUrl } from '../../ui/use-blob-url';
import { useSeriesLeads } from './use-series-leads';
import { useLiveQuery } from 'dexie-react-hooks';
import { VictimProfileForm } from './VictimProfileForm';
import './leads.css';
import type { MediaRecord } from '../../db/records';

const WHOLE_IMAGE: ClueRegion = { x: 0, y: 0, width: 1, height: 1 };
const CROP_LIST_SIDE = 160;

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

interface Draft extends ClueDraft {
  readonly previousId: string | null;
  readonly mediaId: string;
}

/** Route /cases/:caseId/series/:seriesId/leads: clues, the lead, notes and exports of one series. */
export function SeriesLeadsScreen() {
  const t = useT();
  const db = useDatabase();
  const { caseId = '', seriesId = '' } = useParams();
  const data = useSeriesLeads(db, caseId, seriesId);
  if (data.header === undefined) return <p role="status">{t('common.loading')}</p>;
  if (data.header === null)
    return (
      <EmptyState title={t('leads.notFound')} action={<Link to="/">{t('case.backToCases')}</Link>}>
        {t('case.notFound.body')}
      </EmptyState>
    );
  return <SeriesLeads db={db} data={data} header={data.header} />;
}

function SeriesLeads(props: {
  db: WaymarkDatabase;
  data: ReturnType<typeof useSeriesLeads>;
  header: NonNullable<ReturnType<typeof useSeriesLeads>['header']>;
}) {
  const t = useT();
  const { db, data } = props;
  const { record, series } = props.header;
  const target = { caseId: record.id, seriesId: series.id };
  // A team case, signed in: the account is the author (the server writes it whatever is sent). The
  // typed call sign is for local cases, and for a team case while nobody is signed in.
  const accountAuthor = useAccountAuthor();
  const byAccount = record.team === true && accountAuthor !== null;
  const author = byAccount ? accountAuthor : data.analyst || DEFAULT_ANALYST_NAME;
  const settings = useWellnessSettings();
  const { revealedId, reveal } = useReveal();
  const filter = wellnessFilter(settings, false);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen: MediaRecord | undefined = data.media.find((m) => m.id === chosenId) ?? data.media[0];
  const [draft, setDraft] = useState<Draft | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [clueError, setClueError] = useState<string | null>(null);
  const [leadError, setLeadError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const title = seriesTitle(t, series);

  const imageLabel = (mediaId: string) => {
    const index = data.media.findIndex((m) => m.id === mediaId);
    const media = data.media[index];
    return media ? t('leads.images.label', { n: index + 1, name: baseName(media.firstPath) }) : '—';
  };

  const startDraft = (region: ClueRegion) => {
    if (!chosen) return;
    setClueError(null);
    if (draft && draft.mediaId === chosen.id) {
      setDraft({ ...draft, region });
      return;
    }
    setDraft({ previousId: null, mediaId: chosen.id, type: 'object', note: '', region });
    setFormKey((k) => k + 1);
  };

  const cropFor = async (mediaId: string, region: ClueRegion) => {
    const thumb = await db.thumbnails.get(mediaId as never);
    return thumb ? cropToPng(thumb.blob, region, CROP_LIST_SIDE) : null;
  };

  const saveClue = async (values: ClueDraft) => {
    if (!draft) return;
    setBusy(true);
    setClueError(null);
    try {
      const previous = draft.previousId
        ? data.clues.find((c) => c.revision.id === draft.previousId)
        : undefined;
      const regionChanged =
        !previous || JSON.stringify(previous.revision.region) !== JSON.stringify(values.region);
      const crop = regionChanged ? await cropFor(draft.mediaId, values.region) : null;
      const result = draft.previousId
        ? await changeClue(db, draft.previousId, values, author, crop)
        : await addClue(db, { ...target, mediaId: draft.mediaId, ...values }, author, crop);
      if (result.ok) setDraft(null);
      else setClueError(t(`leads.clueProblem.${result.problem}`));
    } catch {
      setClueError(t('leads.clueProblem.storage'));
    } finally {
      setBusy(false);
    }
  };

  const editClue = (clue: CurrentClue) => {
    const r = clue.revision;
    setChosenId(r.mediaId);
    setDraft({ previousId: r.id, mediaId: r.mediaId, type: r.type, note: r.note, region: r.region });
    setFormKey((k) => k + 1);
  };

  const lead = data.lead;
  const changeLeadWith = async (change: LeadChange): Promise<boolean> => {
    if (!lead) return false;
    setLeadError(null);
    const result = await changeLead(db, target, change, author, { baseVersion: lead.version });
    if (!result.ok) setLeadError(t(`leads.problem.${result.problem}`));
    return result.ok;
  };

  const exportingClue = data.clues.find((c) => c.revision.clueId === exporting)?.revision;
  const draftRegions = chosen
    ? data.clues
        .filter((c) => c.revision.mediaId === chosen.id && c.revision.id !== draft?.previousId)
        .map((c) => ({
          id: c.revision.id,
          region: c.revision.region,
          label: t(clueTypeKey(c.revision.type)),
        }))
    : [];

  return (
    <div className="screen leads-screen">
      <div className="screen-header">
        <h1>{t('leads.title', { series: title })}</h1>
        <span className="badge">{record.name}</span>
        <Link to={`/cases/${record.id}`}>{t('leads.backToCase')}</Link>
        <Link to={`/cases/${record.id}/series/${series.id}/report`}>{t('leads.reportLink')}</Link>
      </div>
      {!byAccount && (data.analyst === '' || renaming) ? (
        <AnalystNamePrompt
          onSave={(name) => {
            setRenaming(false);
            void setAnalystName(db, name);
          }}
        />
      ) : null}
      <p className="muted">
        {t('leads.recordedAs', { name: author })}{' '}
        {!byAccount && data.analyst && !renaming ? (
          <button type="button" className="link-button" onClick={() => setRenaming(true)}>
            {t('leads.analyst.change')}
          </button>
        ) : null}
      </p>

      <div className="leads-body">
        <section className="leads-images" aria-labelledby="leads-images-title">
          <h2 id="leads-images-title">{t('leads.images.title', { count: data.media.length })}</h2>
          <ImageStrip
            db={db}
            media={data.media}
            chosenId={chosen?.id}
            filter={filter}
            label={imageLabel}
            onChoose={(id) => {
              setChosenId(id);
              if (draft && draft.mediaId !== id && !draft.previousId) setDraft(null);
            }}
          />
          {chosen ? (
            <ChosenImage
              db={db}
              media={chosen}
              label={imageLabel(chosen.id)}
              filter={wellnessFilter(settings, false, LARGE_VIEW_BLUR)}
              revealed={revealedId === chosen.id}
              onReveal={() => reveal(chosen.id, settings.revealSeconds)}
              regions={draftRegions}
              draft={draft?.mediaId === chosen.id ? draft.region : null}
              onDraw={startDraft}
            />
          ) : (
            <p className="muted">{t('leads.images.none')}</p>
          )}
          {chosen && !draft ? (
            <button type="button" className="button" onClick={() => startDraft(WHOLE_IMAGE)}>
              {t('leads.clue.whole')}
            </button>
          ) : null}
          {draft ? (
            <ClueForm
              key={formKey}
              title={
                draft.previousId
                  ? t('leads.clue.editTitle')
                  : t('leads.clue.newTitle', { image: imageLabel(draft.mediaId) })
              }
              initial={draft}
              region={draft.region}
              busy={busy}
              error={clueError}
              onRegion={(region) => setDraft({ ...draft, region })}
              onSave={(values) => void saveClue(values)}
              onCancel={() => setDraft(null)}
            />
          ) : null}
          <h2>{t('leads.clues.title')}</h2>
          <ClueList
            db={db}
            clues={data.clues}
            imageLabel={imageLabel}
            filter={filter}
            revealedId={revealedId}
            onReveal={(key) => reveal(key, settings.revealSeconds)}
            onEdit={editClue}
            onDelete={(clue) => void changeClue(db, clue.revision.id, 'delete', author, null)}
            onExport={(clue) =>
              setExporting((e) => (e === clue.revision.clueId ? null : clue.revision.clueId))
            }
            exporting={exporting}
          />
          {exportingClue ? (
            <TraceExport
              key={exportingClue.id}
              db={db}
              clue={exportingClue}
              media={data.media.find((m) => m.id === exportingClue.mediaId)}
              caseReference={record.name}
              onClose={() => setExporting(null)}
            />
          ) : null}
        </section>

        <section className="leads-lead" aria-labelledby="leads-lead-title">
          <h2 id="leads-lead-title">{t('leads.lead.title')}</h2>
          {lead ? (
            <>
              <LeadStatusControl lead={lead} onChange={(to) => void changeLeadWith({ kind: 'status', to })} />
              {leadError ? (
                <p className="error" role="alert">
                  {leadError}
                </p>
              ) : null}
              <VictimProfileForm
                key={`victim-${lead.version}`}
                profile={lead.victim}
                version={lead.version}
                onSave={(profile) => void changeLeadWith({ kind: 'victim', profile })}
              />
              <LeadLists
                key={`lists-${lead.version}`}
                lead={lead}
                clues={data.clues}
                newId={ulid}
                onChange={changeLeadWith}
              />
              <LeadHistory events={data.events} />
            </>
          ) : (
            <p role="status">{t('common.loading')}</p>
          )}
          <NotesPanel
            revisions={data.notes}
            onSave={async (text, previousId) => {
              const result = await saveNote(db, target, text, author, previousId);
              setLeadError(result.ok ? null : t(`leads.noteProblem.${result.problem}`));
              return result.ok;
            }}
            onDelete={(headId) => void removeNote(db, headId, author)}
          />
        </section>
      </div>
    </div>
  );
}

function ImageStrip(props: {
  db: WaymarkDatabase;
  media: readonly MediaRecord[];
  chosenId: string | undefined;
  filter: string;
  label: (id: string) => string;
  onChoose: (id: string) => void;
}) {
  const t = useT();
  return (
    <ul className="image-strip" aria-label={t('leads.images.list')}>
      {props.media.map((m) => (
        <li key={m.id}>
          <button
            type="button"
            aria-pressed={props.chosenId === m.id}
            aria-label={props.label(m.id)}
            onClick={() => props.onChoose(m.id)}
          >
            <Thumb db={props.db} id={m.id} filter={props.filter} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function Thumb(props: { db: WaymarkDatabase; id: string; filter: string }) {
  const thumb = useLiveQuery(() => props.db.thumbnails.get(props.id as never), [props.db, props.id]);
  const url = useBlobUrl(thumb?.blob);
  return url ? (
    <img src={url} alt="" style={{ filter: props.filter }} />
  ) : (
    <span className="thumb-placeholder" />
  );
}

function ChosenImage(
  props: { db: WaymarkDatabase; media: MediaRecord; label: string } & Omit<
    Parameters<typeof ClueCanvas>[0],
    'url' | 'imageLabel'
  >,
) {
  const { db, media, label, ...canvas } = props;
  const thumb = useLiveQuery(() => db.thumbnails.get(media.id), [db, media.id]);
  const thumbUrl = useBlobUrl(thumb?.blob);
  // The original when this session has it: clues are drawn on the real pixels, not the 256 px thumbnail.
  const original = useOriginal(media.sha256);
  const originalUrl = useBlobUrl(original);
  return (
    <>
      <ClueCanvas {...canvas} url={originalUrl ?? thumbUrl} imageLabel={label} />
      {original ? null : <OpenOriginal sha256={media.sha256} />}
    </>
  );
}
