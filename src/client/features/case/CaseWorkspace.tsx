import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';

import { categoryForKey } from '../../../domain/case/category-schemes';
import type { MediaId, SeriesId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { seriesVideoCounts, type GridFilter } from '../../db/media.repository';
import { useT } from '../../i18n/use-t';
import { EmptyState } from '../../ui/EmptyState';
import { WorkbenchPanes } from '../../ui/WorkbenchPanes';
import { CategoryLegend, categoryLabelKey } from '../categorize/CategoryLegend';
import { useCategorize } from '../categorize/use-categorize';
import { IngestErrors } from '../ingest/IngestErrors';
import { CaseListsPanel } from '../hashlists/CaseListsPanel';
import { MatchBadges } from '../hashlists/MatchBadges';
import { useIngestMatching } from '../hashlists/use-ingest-matching';
import { IngestPanel } from '../ingest/IngestPanel';
import { SeriesActions } from '../series/SeriesActions';
import { SeriesEvidence } from '../series/SeriesEvidence';
import { SeriesList } from '../series/SeriesList';
import { SuggestionsPanel } from '../series/SuggestionsPanel';
import { useSeriesBuilder } from '../series/use-series-builder';
import { useSeriesCommands } from '../series/use-series-commands';
import { TriageFilters } from '../triage/TriageFilters';
import { FullView } from '../originals/FullView';
import { MediaDetails } from '../triage/MediaDetails';
import { TriageGrid } from '../triage/TriageGrid';
import { seriesName } from '../series/series-name';
import { useReveal, useWellnessSettings, wellnessFilter } from '../wellness/wellness.store';
import { WellnessSettingsPanel } from '../wellness/WellnessSettingsPanel';
import { useCaseWorkspace } from './use-case-workspace';
import './workspace.css';
import type { CaseRecord } from '../../db/records';

/**
 * The analyst's daily screen, where the features meet: ingest feeds the database, the series
 * builder groups what arrives, the grid shows it (blurred by default) and takes keyboard categories.
 */
export function CaseWorkspace(props: { db: WaymarkDatabase; record: CaseRecord; teamPanel?: ReactNode }) {
  const t = useT();
  const { db, record } = props;
  const caseId = record.id;
  const [filter, setFilter] = useState<GridFilter>({});
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<MediaId>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [fullViewId, setFullViewId] = useState<MediaId | null>(null);
  const data = useCaseWorkspace(db, caseId, filter, record.categoryScheme);
  const videoCounts = useLiveQuery(() => seriesVideoCounts(db, caseId), [db, caseId]);
  // The case's videos, counted apart from its images (every video is a member of one series or unsorted).
  const videoTotal = [...(videoCounts?.values() ?? [])].reduce((n, c) => n + c.members, 0);
  const ids = useMemo(() => data.ids ?? [], [data.ids]);
  const scheme = data.scheme;
  const categorize = useCategorize(db, scheme);
  const settings = useWellnessSettings();
  const { revealedId, reveal } = useReveal();
  const builder = useSeriesBuilder(db, caseId);
  const listMatching = useIngestMatching(db, record);

  const label = useCallback((value: number | null) => t(categoryLabelKey(scheme, value)), [t, scheme]);
  const chooseSeries = useCallback((id: SeriesId | undefined) => {
    setFilter((f) => {
      const { seriesId: _drop, ...rest } = f;
      return id === undefined ? rest : { ...rest, seriesId: id };
    });
    setCursor(0);
  }, []);
  const seriesCommands = useSeriesCommands(
    db,
    caseId,
    useCallback(
      (focus?: SeriesId) => {
        setSelected(new Set());
        if (focus) chooseSeries(focus);
      },
      [chooseSeries],
    ),
  );

  const position = Math.min(cursor, Math.max(0, ids.length - 1));
  const onCommand = (key: string, id: MediaId, event: KeyboardEvent) => {
    if (key === 'u' || ((event.ctrlKey || event.metaKey) && key.toLowerCase() === 'z')) {
      void categorize.undo().then((restored) => {
        if (!restored) return;
        const at = ids.indexOf(restored.id);
        if (at >= 0) setCursor(at);
        setAnnouncement(t('category.undone', { n: at + 1, category: label(restored.category) }));
      });
      return true;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    if (key === 'v') {
      setFullViewId(id);
      return true;
    }
    const category = categoryForKey(scheme, key);
    if (!category) return false;
    const index = ids.indexOf(id);
    // The cursor moves at once (the next key press must land on the next image); the write follows.
    // Under a category filter the image leaves the list, so the next one slides under the cursor.
    if (filter.category === undefined) setCursor(Math.min(index + 1, ids.length - 1));
    void categorize.apply(id, key).then((applied) => {
      if (applied) setAnnouncement(t('category.set', { n: index + 1, category: label(category.value) }));
    });
    return true;
  };

  const activeSeries = data.series.find((s) => s.id === filter.seriesId);
  const seriesLabel = (id: string) => {
    const series = data.series.find((s) => s.id === id);
    return series ? seriesName(t, series) : t('series.unsorted');
  };
  return (
    <div className="screen workspace">
      <div className="screen-header">
        <h1>{record.name}</h1>
        <span className="badge">
          {videoTotal > 0
            ? `${t('case.imageCount', { count: Math.max(0, (data.count ?? 0) - videoTotal) })}, ${t('series.videoCount', { count: videoTotal })}`
            : t('case.imageCount', { count: data.count ?? 0 })}
        </span>
      </div>
      <IngestPanel
        db={db}
        caseId={caseId}
        hasImages={(data.count ?? 0) > 0}
        afterBatch={listMatching.chain(builder.afterBatch)}
      />
      <CaseListsPanel
        db={db}
        record={record}
        filter={filter}
        onFilter={(f) => {
          setFilter(f);
          setCursor(0);
        }}
        ingestError={listMatching.error}
      />
      {data.count === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : data.count === 0 ? (
        <>
          <EmptyState title={t('case.empty.title')}>{t('case.empty.body')}</EmptyState>
          <div className="workspace-team">{props.teamPanel}</div>
        </>
      ) : (
        <WorkbenchPanes
          tabsLabel={t('workbench.tabs')}
          resizeLabels={[t('workbench.resizeRail'), t('workbench.resizeInspector')]}
          panes={[
            {
              id: 'rail',
              label: t('workbench.rail'),
              content: (
                <>
                  <SeriesList
                    series={data.series}
                    unsorted={data.unsorted}
                    videos={videoCounts}
                    active={filter.seriesId}
                    onChoose={chooseSeries}
                  />
                  <SuggestionsPanel db={db} caseId={caseId} series={data.series} onMerged={chooseSeries} />
                  <TriageFilters
                    filter={filter}
                    onChange={(f) => {
                      setFilter(f);
                      setCursor(0);
                    }}
                    scheme={scheme}
                    cameras={data.cameras}
                    categoryLabel={label}
                  />
                </>
              ),
            },
            {
              id: 'grid',
              label: t('triage.title'),
              content: (
                <section className="workspace-main" aria-label={t('triage.title')}>
                  <SeriesActions
                    series={data.series}
                    active={activeSeries}
                    selected={[...selected]}
                    commands={seriesCommands}
                  />
                  <p className="muted triage-help">{t('triage.help')}</p>
                  {data.ids === undefined ? (
                    <p role="status">{t('common.loading')}</p>
                  ) : (
                    <TriageGrid
                      db={db}
                      ids={ids}
                      cursor={position}
                      onCursor={setCursor}
                      selected={selected}
                      onToggleSelect={(id) =>
                        setSelected((s) => {
                          const next = new Set(s);
                          if (!next.delete(id)) next.add(id);
                          return next;
                        })
                      }
                      revealedId={revealedId}
                      concealedFilter={wellnessFilter(settings, false)}
                      categoryLabel={label}
                      seriesShown={filter.seriesId}
                      onCommand={onCommand}
                      onReveal={(id) => reveal(id, settings.revealSeconds)}
                    />
                  )}
                  <p role="status" className="visually-hidden">
                    {announcement}
                  </p>
                </section>
              ),
            },
            {
              id: 'inspector',
              label: t('workbench.inspector'),
              content: (
                <>
                  {ids[position] ? (
                    <button
                      type="button"
                      className="button"
                      aria-keyshortcuts="V"
                      onClick={() => setFullViewId(ids[position] ?? null)}
                    >
                      {t('originals.fullView')} (V)
                    </button>
                  ) : null}
                  <MediaDetails db={db} id={ids[position]} seriesLabel={seriesLabel} categoryLabel={label} />
                  <SeriesEvidence db={db} id={ids[position]} />
                  <MatchBadges db={db} id={ids[position]} categoryLabel={label} />
                  <CategoryLegend scheme={scheme} />
                  <WellnessSettingsPanel />
                </>
              ),
            },
          ]}
        />
      )}
      {data.count ? <div className="workspace-team">{props.teamPanel}</div> : null}
      <IngestErrors db={db} caseId={caseId} />
      {fullViewId ? (
        <FullView
          db={db}
          mediaId={fullViewId}
          onClose={() => setFullViewId(null)}
          categoryLabel={label}
          categoryForKey={(key) => categoryForKey(scheme, key)?.value}
        />
      ) : null}
    </div>
  );
}
