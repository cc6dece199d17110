import { describe, expect, it } from 'vitest';

import { loadConfig } from './config';

describe('loadConfig', () => {
  it('compacts the sync change log on a schedule only when WAYMARK_SYNC_COMPACT_DAYS is set', () => {
    expect(loadConfig({}).syncCompactDays).toBeNull();
    expect(loadConfig({ WAYMARK_SYNC_COMPACT_DAYS: ' ' }).syncCompactDays).toBeNull();
    expect(loadConfig({ WAYMARK_SYNC_COMPACT_DAYS: '30' }).syncCompactDays).toBe(30);
    expect(() => loadConfig({ WAYMARK_SYNC_COMPACT_DAYS: 'monthly' })).toThrow(
      'WAYMARK_SYNC_COMPACT_DAYS must be a positive number, got "monthly"',
    );
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, and a port out of range', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL must be a postgres:// URL');
    expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT must be a port number');
    expect(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/test' }).databaseUrl).toBe(
      'postgres://127.0.0.1/test',
    );
  });
});
