import type Dexie from 'dexie';

/**
 * Every schema version of the one Dexie database, oldest first. A new version is appended (never
 * edited) with its upgrade function, and gets a test that seeds version n-1 and opens version n.
 * Only indexed fields are listed; records carry more.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string>;
  upgrade?: Parameters<ReturnType<Dexie['version']>['upgrade']>[0];
}> = [
  {
    version: 1,
    stores: {
      cases: 'id, updatedAt',
    },
  },
];

export function defineSchema(db: Dexie): void {
  for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
    const v = db.version(version).stores(stores);
    if (upgrade) v.upgrade(upgrade);
  }
}
