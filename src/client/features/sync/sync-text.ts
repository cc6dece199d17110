import type { ConflictSubject, SyncedEntity } from '../../../contract/records/synced-records';
import type { DeconflictionNotice } from '../../../contract/sync.contract';
import type { SignalType } from '../../../domain/signals/signal-type';
import { isRejectionReason, type RejectionReason } from '../../../domain/sync/rejection-reason';
import { getCategoryScheme } from '../../../domain/case/category-schemes';
import { UNSORTED } from '../../../domain/case/media';
import { isLeadStatus } from '../../../domain/leads/lead-status';
import type { MessageKey } from '../../i18n/catalog';
import type { LanguageCode } from '../../i18n/languages';
import { leadStatusKey } from '../../i18n/domain-keys';
import { isolate } from '../../i18n/bidi-isolate';
import type { Translate } from '../../i18n/translate';

/**
 * Everything the sync screens say, as pure functions of the engine's state, so the wording is tested
 * in Node without a browser. Components only lay these strings out.
 */

/** The engine's status, as far as words are concerned. */
export interface SyncStatusView {
  readonly state: 'off' | 'idle' | 'syncing' | 'offline' | 'error';
  readonly pending: number;
  readonly lastSyncAt: string | null;
  readonly error: string | null;
  readonly conflicts: number;
  /** Unsent changes of the analyst who synced in this browser before (sync waits for them). */
  readonly otherAnalystChanges?: number;
  /** With error `heldLookups`: seconds until the account's lookup budget allows the rest. */
  readonly heldRetrySeconds?: number | null;
}

/** "14:03" the same day, "Nov 28, 2026, 14:03" otherwise: the analyst's clock, 24-hour as logs are. */
export function formatSyncTime(iso: string, language: LanguageCode, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const sameDay =
    at.getFullYear() === now.getFullYear() &&
    at.getMonth() === now.getMonth() &&
    at.getDate() === now.getDate();
  return new Intl.DateTimeFormat(
    language,
    sameDay
      ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' },
  ).format(at);
}

const ERROR_KEYS: Readonly<Record<string, MessageKey>> = {
  unreachable: 'sync.error.unreachable',
  unauthenticated: 'sync.error.signedOut',
  forbidden: 'sync.error.forbidden',
  outdated: 'sync.error.outdated',
  server: 'sync.error.server',
  storage: 'sync.error.storage',
  heldStorage: 'sync.error.heldStorage',
};

/**
 * A sync failure in words. The engine gives either a short code (translated here) or its own English
 * sentence: shown as it is in English; in another language the analyst reads a translated sentence
 * and the English one comes as a detail (`syncErrorDetail`, marked lang="en").
 */
export function syncErrorText(
  t: Translate,
  error: string | null,
  language: LanguageCode,
  heldRetrySeconds?: number | null,
): string {
  if (error === 'heldLookups')
    return t('sync.error.heldLookups', { minutes: Math.max(1, Math.ceil((heldRetrySeconds ?? 3600) / 60)) });
  const key = error === null ? undefined : ERROR_KEYS[error];
  if (key) return t(key);
  return error && language === 'en' ? error : t('sync.error.generic');
}

/** The engine's own (English) sentence when the UI speaks another language; null otherwise. */
export function syncErrorDetail(error: string | null, language: LanguageCode): string | null {
  return error && !Object.hasOwn(ERROR_KEYS, error) && error !== 'heldLookups' && language !== 'en'
    ? error
    : null;
}

export interface StatusOptions {
  readonly now?: Date;
  /**
   * The browser's own network state. "Offline" is said only when this machine has no network; when it
   * has one, an unreachable server is named as such (the server is down, not the analyst's cable).
   */
  readonly browserOnline?: boolean;
}

/** One sentence for the header: state first, then what is waiting, then conflicts. Empty when off. */
export function syncStatusSentence(
  t: Translate,
  status: SyncStatusView,
  language: LanguageCode,
  options: StatusOptions = {},
): string {
  const parts: string[] = [];
  const pending = status.pending > 0 ? t('sync.status.pending', { count: status.pending }) : '';
  switch (status.state) {
    case 'off':
      return '';
    case 'syncing':
      parts.push(t('sync.status.syncing'), pending);
      break;
    case 'offline':
      if (options.browserOnline === false)
        parts.push(
          status.pending > 0
            ? t('sync.status.offline', { count: status.pending })
            : t('sync.status.offlineNone'),
        );
      else parts.push(t('sync.error.unreachable'), pending);
      break;
    case 'error':
      parts.push(syncErrorText(t, status.error, language, status.heldRetrySeconds), pending);
      break;
    case 'idle':
      parts.push(
        status.lastSyncAt
          ? t('sync.status.syncedAt', { time: formatSyncTime(status.lastSyncAt, language, options.now) })
          : t('sync.status.notYet'),
        pending,
      );
      break;
  }
  if (status.conflicts > 0) parts.push(t('sync.status.conflicts', { count: status.conflicts }));
  return parts.filter(Boolean).join(' · ');
}

// ---- Deconfliction notices ----

/** Who to contact: name, organization, contact, leaving out what the owner has not filled in. */
export function ownerText(t: Translate, owner: DeconflictionNotice['otherOwner']): string {
  return [owner.displayName, owner.organization, owner.contact]
    .map((s) => s.trim())
    .filter(Boolean)
    .map(isolate)
    .join(t('sync.notices.listSeparator'));
}

/**
 * "N images of <series> are known in case X — owner, organization, contact" (found here), or "Case X
 * (owner…) also holds N images of <series>" (told). Unsorted images are named as such, with no series.
 */
export function noticeSentence(
  t: Translate,
  notice: Pick<
    DeconflictionNotice,
    'direction' | 'matchedImages' | 'otherCaseName' | 'otherOwner' | 'seriesId'
  >,
  series: string,
): string {
  // Unsorted images have no series page to link to.
  const unsorted = notice.seriesId === UNSORTED;
  const found = notice.direction === 'found';
  // The other case's owners chose not to show its name (the default): the sentence names no case.
  const named = notice.otherCaseName.trim() !== '';
  const key = unsorted
    ? found
      ? named
        ? 'sync.notices.foundUnsorted'
        : 'sync.notices.foundUnsortedUnnamed'
      : named
        ? 'sync.notices.toldUnsorted'
        : 'sync.notices.toldUnsortedUnnamed'
    : found
      ? named
        ? 'sync.notices.found'
        : 'sync.notices.foundUnnamed'
      : named
        ? 'sync.notices.told'
        : 'sync.notices.toldUnnamed';
  return t(key, {
    count: notice.matchedImages,
    series,
    case: isolate(notice.otherCaseName),
    owner: ownerText(t, notice.otherOwner),
  });
}

const KIND_KEYS: Record<SignalType, MessageKey> = {
  md5: 'sync.notices.kind.md5',
  sha1: 'sync.notices.kind.sha1',
  sha256: 'sync.notices.kind.sha256',
  pdq: 'sync.notices.kind.pdq',
  vpdq: 'sync.notices.kind.vpdq',
};

/** "Matched by MD5 and PDQ (visually similar)." — empty when the server named no kind. */
export function matchKindsText(
  t: Translate,
  kinds: readonly DeconflictionNotice['matchKinds'][number][],
  language: LanguageCode,
): string {
  if (kinds.length === 0) return '';
  const list = new Intl.ListFormat(language, { type: 'conjunction' }).format(
    kinds.map((k) => t(KIND_KEYS[k])),
  );
  return t('sync.notices.matchedBy', { kinds: list });
}

/**
 * A placeholder for an element inside a translated sentence (the series link): translate with it,
 * then split around it. Private-use characters never occur in messages or in what analysts type.
 */
export const SLOT = '\u{E000}slot\u{E001}';

/** The text before and after the slot; `after` is '' and `found` false when there is no slot. */
export function splitAtSlot(text: string): { before: string; after: string; found: boolean } {
  const at = text.indexOf(SLOT);
  if (at < 0) return { before: text, after: '', found: false };
  return { before: text.slice(0, at), after: text.slice(at + SLOT.length), found: true };
}

/** Open notices first (newest first), then acknowledged ones (newest acknowledgement first). */
export function partitionNotices<N extends Pick<DeconflictionNotice, 'acknowledgedAt' | 'updatedAt'>>(
  notices: readonly N[],
): { open: N[]; acknowledged: N[] } {
  const open = notices
    .filter((n) => !n.acknowledgedAt)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const acknowledged = notices
    .filter((n) => n.acknowledgedAt)
    .sort((a, b) => (b.acknowledgedAt ?? '').localeCompare(a.acknowledgedAt ?? ''));
  return { open, acknowledged };
}

// ---- Conflicts ----

/** Every field a conflict can be about (derived from the record definitions: a new one must be named). */
const FIELD_KEYS: Readonly<Record<ConflictSubject, MessageKey>> = {
  'media.category': 'sync.field.category',
  'media.vicsFlags': 'sync.field.vicsFlags',
  'seriesLeads.status': 'sync.field.status',
  'seriesLeads.victim': 'sync.field.victim',
};

/** The field's name as the rest of the app calls it; the raw field name for anything unforeseen. */
export function conflictFieldLabel(t: Translate, entity: string, field: string): string {
  const subject = `${entity}.${field}`;
  return Object.hasOwn(FIELD_KEYS, subject) ? t(FIELD_KEYS[subject as ConflictSubject]) : field;
}

// ---- Refused and unreadable records ----

const ENTITY_KEYS: Readonly<Record<SyncedEntity, MessageKey>> = {
  cases: 'sync.entity.cases',
  media: 'sync.entity.media',
  files: 'sync.entity.files',
  series: 'sync.entity.series',
  clueRevisions: 'sync.entity.clueRevisions',
  seriesLeads: 'sync.entity.seriesLeads',
  leadEvents: 'sync.entity.leadEvents',
  noteRevisions: 'sync.entity.noteRevisions',
  listMatches: 'sync.entity.listMatches',
  notices: 'sync.entity.notices',
  videoFrames: 'sync.entity.videoFrames',
  videoSeriesLinks: 'sync.entity.videoSeriesLinks',
};

const REASON_KEYS: Readonly<Record<RejectionReason, MessageKey>> = {
  not_member: 'sync.rejected.not_member',
  read_only_role: 'sync.rejected.read_only_role',
  id_taken: 'sync.rejected.id_taken',
  wrong_case: 'sync.rejected.wrong_case',
  unknown_reference: 'sync.rejected.unknown_reference',
  id_mismatch: 'sync.rejected.id_mismatch',
  case_not_deletable: 'sync.rejected.case_not_deletable',
  unknown_field: 'sync.rejected.unknown_field',
  invalid_field: 'sync.rejected.invalid_field',
  invalid_record: 'sync.rejected.invalid_record',
  too_large: 'sync.rejected.too_large',
  immutable_field: 'sync.rejected.immutable_field',
  server_owned: 'sync.rejected.server_owned',
  append_only: 'sync.rejected.append_only',
  series_not_empty: 'sync.rejected.series_not_empty',
  superseded: 'sync.rejected.superseded',
  refused: 'sync.rejected.refused',
};

/** "An image", "A lead"…; the entity's own name for anything unforeseen. */
export function recordKindText(t: Translate, entity: string): string {
  return Object.hasOwn(ENTITY_KEYS, entity) ? t(ENTITY_KEYS[entity as SyncedEntity]) : entity;
}

/** A refused change in words: what it was and why, from the server's code. */
export function rejectionText(
  t: Translate,
  note: {
    readonly entity: string;
    readonly reason: string;
    readonly field?: string;
    readonly limit?: number;
  },
): string {
  const reason: RejectionReason = isRejectionReason(note.reason) ? note.reason : 'refused';
  const why = t(REASON_KEYS[reason], {
    field: note.field ? isolate(note.field) : t('sync.rejected.wholeRecord'),
    limit: Math.round((note.limit ?? 0) / 1024),
  });
  return t('sync.rejected.record', { record: recordKindText(t, note.entity), why });
}

/** One unreadable record: its kind, id, case and the field at fault. */
export function unreadableText(
  t: Translate,
  note: {
    readonly entity: string;
    readonly entityId: string;
    readonly caseId: string;
    readonly field: string;
  },
): string {
  const parts = {
    record: recordKindText(t, note.entity),
    id: isolate(note.entityId),
    case: isolate(note.caseId),
  };
  return note.field
    ? t('sync.unreadable.item', { ...parts, field: isolate(note.field) })
    : t('sync.unreadable.itemWhole', parts);
}

const FLAG_KEYS = {
  victimIdentified: 'sync.flag.victimIdentified',
  offenderIdentified: 'sync.flag.offenderIdentified',
  isDistributed: 'sync.flag.isDistributed',
  isSuspected: 'sync.flag.isSuspected',
} as const satisfies Record<string, MessageKey>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function victimText(t: Translate, v: Record<string, unknown>): string {
  const parts: string[] = [];
  const identified = v.identified;
  if (identified === 'unidentified' || identified === 'identified' || identified === 'referred') {
    const status = t(`leads.identified.${identified}`);
    parts.push(
      typeof v.identifiedOn === 'string' && v.identifiedOn
        ? t('sync.victim.identifiedOn', { status, date: isolate(v.identifiedOn) })
        : status,
    );
  }
  if (v.sex === 'female' || v.sex === 'male') parts.push(t(`leads.sex.${v.sex}`));
  const min = typeof v.ageMin === 'number' ? v.ageMin : null;
  const max = typeof v.ageMax === 'number' ? v.ageMax : null;
  if (min !== null && max !== null) parts.push(t('sync.victim.age', { min, max }));
  else if (min !== null) parts.push(t('sync.victim.ageFrom', { min }));
  else if (max !== null) parts.push(t('sync.victim.ageTo', { max }));
  return parts.join(t('sync.notices.listSeparator')) || t('sync.value.none');
}

/**
 * A conflicting value in words: a category by the case's scheme, a lead status or victim profile as
 * the leads screen names them, flags by name. Anything else is shown as it is, never hidden.
 */
export function conflictValueText(
  t: Translate,
  entity: string,
  field: string,
  value: unknown,
  categoryScheme: string | undefined,
): string {
  const where = `${entity}.${field}`;
  if (where === 'media.category') {
    if (value === null || value === undefined) return t('category.none');
    const scheme = getCategoryScheme(categoryScheme);
    if (typeof value === 'number' && scheme.categories.some((c) => c.value === value))
      return t(`category.${scheme.id}.${value}` as MessageKey);
  }
  if (where === 'media.vicsFlags' && (value === undefined || value === null || isRecord(value))) {
    const set = Object.entries(FLAG_KEYS)
      .filter(([flag]) => isRecord(value) && value[flag] === true)
      .map(([, key]) => t(key));
    return set.length ? set.join(t('sync.notices.listSeparator')) : t('sync.flags.none');
  }
  if (where === 'seriesLeads.status' && isLeadStatus(value)) return t(leadStatusKey(value));
  if (where === 'seriesLeads.victim' && isRecord(value)) return victimText(t, value);
  if (value === null || value === undefined || value === '') return t('sync.value.none');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** What the conflicting field belongs to: an image by its file name, a lead by its series. */
export function conflictItemText(
  t: Translate,
  entity: string,
  entityId: string,
  context: { readonly fileName?: string; readonly seriesName?: string },
): string {
  if (entity === 'media')
    return context.fileName
      ? t('sync.conflicts.image', { name: isolate(context.fileName) })
      : t('sync.conflicts.imageUnknown');
  if (entity === 'seriesLeads')
    return context.seriesName ? isolate(context.seriesName) : t('sync.conflicts.leadUnknown');
  return t('sync.conflicts.record', { entity, id: entityId });
}

/** The last segment of a '/'-separated path inside a source. */
export function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
