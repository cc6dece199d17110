// The grouping API the app and the CLI use.
export { createSeriesGrouper } from './series-grouper';
export type {
  CheckedPair,
  GroupingDelta,
  GroupingItem,
  PairCheck,
  SeriesGrouper,
  SeriesGrouperOptions,
} from './series-grouper';
export { LinkKind } from './series-link';
export type { SeriesLink } from './series-link';
export { suggestSameShoot } from './same-shoot';
export type { ShootItem, ShootLink } from './same-shoot';
export { groupHashBatch } from './hash-batch-grouping';
export type { BatchGrouping, BatchGroupingOptions, HashBatch } from './hash-batch-grouping';
export { DEFAULT_MIN_QUALITY, DEFAULT_THRESHOLD } from './grouping-options';
