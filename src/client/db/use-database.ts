import { getDatabase, type WaymarkDatabase } from './database';

/** The one database, for components. A hook so tests and stories can swap it later without touching features. */
export function useDatabase(): WaymarkDatabase {
  return getDatabase();
}
