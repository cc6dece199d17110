import { resolve } from 'node:path';

/** Everything the server reads from its environment, parsed once at start-up. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Folder for the embedded SQLite database (and anything else the server keeps on disk). */
  readonly dataDir: string;
  /** A `postgres://` URL switches storage to PostgreSQL; otherwise SQLite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /**
   * The audit checkpoint signing key's folder (services/audit-keys.ts): outside the database, and by
   * default beside the data folder rather than in it (`<DATA_DIR>-audit-keys`).
   */
  readonly auditKeyDir: string;
  readonly security: SecurityConfig;
  /** Compact the sync change log daily, keeping this many days (null: only `waymark sync compact`). */
  readonly syncCompactDays: number | null;
  readonly scale: ScaleConfig;
}

/** Several processes on one PostgreSQL database (docs/SCALE.md). */
export interface ScaleConfig {
  /**
   * Where the deconfliction leader keeps every media's hashes: in its memory (rebuilt when it takes
   * over), or in PostgreSQL tables (nothing in the process; PostgreSQL only).
   */
  readonly deconflictionIndex: 'memory' | 'postgres';
  /** How long a push with media waits for its deconfliction before answering anyway (ms). */
  readonly deconflictionWaitMs: number;
  /** How often a process tries to take over the jobs, and the leader checks it still holds them (ms). */
  readonly leaderCheckMs: number;
}

export const DEFAULT_SCALE: ScaleConfig = {
  deconflictionIndex: 'memory',
  deconflictionWaitMs: 10_000,
  leaderCheckMs: 1000,
};

export interface SecurityConfig {
  /**
   * Served over HTTPS (directly or behind a TLS proxy): the session cookie becomes
   * `__Host-waymark_session` with Secure, HSTS is sent and CSP upgrades insecure requests.
   * Off on plain-HTTP localhost, where a Secure cookie would never come back.
   */
  readonly https: boolean;
  /** Origins (scheme://host:port) allowed to send mutating requests besides the server's own. */
  readonly allowedOrigins: readonly string[];
  /** Trust X-Forwarded-For from a reverse proxy (only behind one). */
  readonly trustProxy: boolean;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  /**
   * How often the live streams' sessions are checked against the database, so a session ended by
   * time or by another process (the CLI) closes its streams within this many seconds.
   */
  readonly sessionStreamCheckSeconds: number;
  /**
   * Sign-in limits (services/login-throttle.ts), each so many attempts per window, then one attempt
   * every window/limit: per account from one address, per account across addresses, per address
   * across accounts.
   */
  readonly loginMaxFailures: number;
  readonly loginWindowMinutes: number;
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerIp: number;
  /** Largest JSON body accepted, in bytes (413 above). */
  readonly bodyLimitBytes: number;
  /** Largest sync push body (up to 500 mutations with their hashes), in bytes. */
  readonly syncPushBodyLimitBytes: number;
  /** Sync pushes a user may send per minute (429 above). */
  readonly syncPushesPerMinute: number;
  /** Deconfliction lookups (new or moved media records) a user's pushes may cause per hour. */
  readonly syncLookupsPerHour: number;
  /** Bytes of synced records a user may have written (their pushes wait beyond it). */
  readonly syncStoredBytes: number;
  /** Live sync event streams open at once, per user and in all. */
  readonly syncStreamsPerUser: number;
  readonly syncStreams: number;
}

export const DEFAULT_SECURITY: SecurityConfig = {
  https: false,
  allowedOrigins: [],
  trustProxy: false,
  sessionIdleMinutes: 8 * 60,
  sessionAbsoluteHours: 7 * 24,
  sessionStreamCheckSeconds: 15,
  loginMaxFailures: 5,
  loginWindowMinutes: 15,
  loginMaxFailuresPerAccount: 20,
  loginMaxFailuresPerIp: 50,
  bodyLimitBytes: 64 * 1024,
  syncPushBodyLimitBytes: 4 * 1024 * 1024,
  syncPushesPerMinute: 600,
  syncLookupsPerHour: 200_000,
  syncStoredBytes: 2 * 1024 ** 3,
  syncStreamsPerUser: 10,
  syncStreams: 2000,
};

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)',
    );
  }
  const index = env.WAYMARK_DECONFLICTION_INDEX?.trim() || DEFAULT_SCALE.deconflictionIndex;
  if (index !== 'memory' && index !== 'postgres')
    throw new Error(`WAYMARK_DECONFLICTION_INDEX must be memory or postgres, got "${index}"`);
  if (index === 'postgres' && !databaseUrl)
    throw new Error('WAYMARK_DECONFLICTION_INDEX=postgres needs DATABASE_URL (a PostgreSQL database)');
  const d = DEFAULT_SECURITY;
  const dataDir = resolve(cwd, env.DATA_DIR?.trim() || 'data');
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir,
    databaseUrl,
    auditKeyDir: resolve(cwd, env.WAYMARK_AUDIT_KEY_DIR?.trim() || `${dataDir}-audit-keys`),
    syncCompactDays: env.WAYMARK_SYNC_COMPACT_DAYS?.trim()
      ? positive(env, 'WAYMARK_SYNC_COMPACT_DAYS', 0)
      : null,
    scale: {
      deconflictionIndex: index,
      deconflictionWaitMs: positive(env, 'WAYMARK_DECONFLICTION_WAIT_MS', DEFAULT_SCALE.deconflictionWaitMs),
      leaderCheckMs: positive(env, 'WAYMARK_LEADER_CHECK_MS', DEFAULT_SCALE.leaderCheckMs),
    },
    security: {
      https: env.WAYMARK_HTTPS === '1',
      allowedOrigins: (env.WAYMARK_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      trustProxy: env.WAYMARK_TRUST_PROXY === '1',
      sessionIdleMinutes: positive(env, 'WAYMARK_SESSION_IDLE_MINUTES', d.sessionIdleMinutes),
      sessionAbsoluteHours: positive(env, 'WAYMARK_SESSION_ABSOLUTE_HOURS', d.sessionAbsoluteHours),
      sessionStreamCheckSeconds: d.sessionStreamCheckSeconds,
      loginMaxFailures: positive(env, 'WAYMARK_LOGIN_MAX_FAILURES', d.loginMaxFailures),
      loginWindowMinutes: positive(env, 'WAYMARK_LOGIN_WINDOW_MINUTES', d.loginWindowMinutes),
      loginMaxFailuresPerAccount: positive(
        env,
        'WAYMARK_LOGIN_MAX_FAILURES_PER_ACCOUNT',
        d.loginMaxFailuresPerAccount,
      ),
      loginMaxFailuresPerIp: positive(env, 'WAYMARK_LOGIN_MAX_FAILURES_PER_IP', d.loginMaxFailuresPerIp),
      bodyLimitBytes: positive(env, 'WAYMARK_BODY_LIMIT_BYTES', d.bodyLimitBytes),
      syncPushBodyLimitBytes: positive(env, 'WAYMARK_SYNC_PUSH_BODY_LIMIT_BYTES', d.syncPushBodyLimitBytes),
      syncPushesPerMinute: positive(env, 'WAYMARK_SYNC_PUSHES_PER_MINUTE', d.syncPushesPerMinute),
      syncLookupsPerHour: positive(env, 'WAYMARK_SYNC_LOOKUPS_PER_HOUR', d.syncLookupsPerHour),
      syncStoredBytes: positive(env, 'WAYMARK_SYNC_STORED_MB', d.syncStoredBytes / 1024 ** 2) * 1024 ** 2,
      syncStreamsPerUser: positive(env, 'WAYMARK_SYNC_STREAMS_PER_USER', d.syncStreamsPerUser),
      syncStreams: positive(env, 'WAYMARK_SYNC_STREAMS', d.syncStreams),
    },
  };
}
