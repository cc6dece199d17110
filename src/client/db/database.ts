import Dexie, { type EntityTable } from 'dexie';

import type { IngestErrorRecord, MediaId, SuggestionRecord } from '../../domain/case/media';
import type { ClueRevision } from '../../domain/leads/clue';
import type { NoteRevision } from '../../domain/leads/note';
import type { LeadEvent, SeriesLead } from '../../domain/leads/series-lead';
import type { HashList, HashListEntry } from '../../domain/hashlists/hash-list';
import { createOutboxMiddleware } from '../sync/outbox-middleware';
import type { NoticeRecord, OutboxRow, SyncConflict, SyncStateRecord } from '../sync/sync-records';
import { TeamCases } from '../sync/team-cases';
import type { ListMatchRecord } from './list-matches.repository';
import type { GroupingSignalsRecord, SeriesLinkRecord } from './grouping-signals.repository';
import { defineSchema } from './schema';
import type {
  CaseRecord,
  FileRecord,
  MediaRecord,
  SeriesRecord,
  VideoFramesRecord,
  VideoSeriesLinkRecord,
} from './records';

/** Thumbnail bytes (a Blob: the domain realm has no DOM, so this type lives with the database). */
export interface ThumbnailRecord {
  readonly id: MediaId;
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

/** One key frame's thumbnail of a video's filmstrip (frame number and time in the video). */
export interface FilmstripFrame {
  readonly frame: number;
  readonly timestamp: number;
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

/** A video's key-frame thumbnails, in order (local bytes like thumbnails; never synced). */
export interface FilmstripRecord {
  readonly id: MediaId;
  readonly frames: readonly FilmstripFrame[];
}

/** A clue's crop (small PNG) for lists and reports, keyed by the clue revision it was cut for. */
export interface ClueCropRecord {
  readonly id: string;
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

/** A case as stored here: `team` once it syncs with the team server (shared, or received from it). */
export type LocalCaseRecord = CaseRecord & {
  readonly team?: boolean;
};

export interface SettingRecord {
  readonly id: string;
  readonly value: unknown;
}

/** The one local database. Tables are typed; repositories are the only writers. */
export class WaymarkDatabase extends Dexie {
  declare cases: EntityTable<LocalCaseRecord, 'id'>;
  declare media: EntityTable<MediaRecord, 'id'>;
  declare files: EntityTable<FileRecord, 'id'>;
  /** Bytes apart from the records lists query (thumbnails are read per visible row only). */
  declare thumbnails: EntityTable<ThumbnailRecord, 'id'>;
  declare series: EntityTable<SeriesRecord, 'id'>;
  declare settings: EntityTable<SettingRecord, 'id'>;
  declare ingestErrors: EntityTable<IngestErrorRecord, 'id'>;
  declare suggestions: EntityTable<SuggestionRecord, 'id'>;
  declare clueRevisions: EntityTable<ClueRevision, 'id'>;
  declare seriesLeads: EntityTable<SeriesLead, 'id'>;
  declare leadEvents: EntityTable<LeadEvent, 'id'>;
  declare noteRevisions: EntityTable<NoteRevision, 'id'>;
  declare clueCrops: EntityTable<ClueCropRecord, 'id'>;
  declare hashLists: EntityTable<HashList, 'id'>;
  declare hashListEntries: EntityTable<HashListEntry, 'id'>;
  declare listMatches: EntityTable<ListMatchRecord, 'id'>;
  /** Sync (schema 5): see src/client/sync. */
  declare outbox: EntityTable<OutboxRow, 'seq'>;
  declare syncState: EntityTable<SyncStateRecord, 'id'>;
  declare syncConflicts: EntityTable<SyncConflict, 'id'>;
  declare notices: EntityTable<NoticeRecord, 'id'>;
  /** Grouping (schema 6, issue 18): local-only derived data, see grouping-signals.repository. */
  declare groupingSignals: EntityTable<GroupingSignalsRecord, 'id'>;
  declare seriesLinks: EntityTable<SeriesLinkRecord, 'id'>;
  /** Videos (schema 7, issue 17): frame hashes (synced) and key-frame thumbnails (local bytes). */
  declare videoFrames: EntityTable<VideoFramesRecord, 'id'>;
  declare filmstrips: EntityTable<FilmstripRecord, 'id'>;
  /**
   * Videos shown in a series they did not join (schema 8, issue 17; synced since schema 9): derived
   * by video placement (domain/video/video-series-links.ts), ids `<mediaId>:<seriesId>`.
   */
  declare videoSeriesLinks: EntityTable<VideoSeriesLinkRecord, 'id'>;

  /** Ids of team cases, in memory: the outbox middleware's per-write test (see sync/team-cases.ts). */
  readonly teamCases = new TeamCases();

  constructor(name = 'waymark') {
    super(name);
    defineSchema(this);
    // Every write to a synced table of a team case writes its outbox row in the same transaction.
    this.use(createOutboxMiddleware(this.teamCases));
    this.on('ready', () => this.teamCases.load(this), true);
    this.teamCases.watch(this);
    // Another tab is upgrading the schema: let it, and reload so this tab runs the new code too.
    this.on('versionchange', () => {
      this.close();
      if (typeof location !== 'undefined') location.reload();
      return false;
    });
  }
}

let instance: WaymarkDatabase | undefined;

export function getDatabase(): WaymarkDatabase {
  instance ??= new WaymarkDatabase();
  return instance;
}
