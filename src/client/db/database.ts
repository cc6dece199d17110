import Dexie, { type EntityTable } from 'dexie';

import type { CaseRecord } from '../../domain/case/case';
import { defineSchema } from './schema';

/** The one local database. Tables are typed; repositories are the only writers. */
export class WaymarkDatabase extends Dexie {
  declare cases: EntityTable<CaseRecord, 'id'>;

  constructor(name = 'waymark') {
    super(name);
    defineSchema(this);
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
