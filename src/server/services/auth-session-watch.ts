import type { AuthService } from './auth.service';

/** The streams side of the watch (SyncEvents): which sessions hold streams, and closing them. */
export interface SessionStreams {
  sessionIds(): string[];
  closeSession(sessionId: string): void;
}

/**
 * Closes the live streams of sessions that ended where this process could not see it happen: by time
 * (idle or absolute timeout), or in another process (`waymark user disable`, `user passwd`,
 * `user revoke-sessions`, a second server). Sessions ended through this process close their streams
 * at once (AuthService's onSessionsEnded); this check is the backstop, every `intervalMs`.
 */
export function watchStreamSessions(
  streams: SessionStreams,
  auth: Pick<AuthService, 'liveSessions'>,
  intervalMs: number,
): { check(): Promise<void>; stop(): void } {
  let running = false;
  const check = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const ids = streams.sessionIds();
      if (ids.length === 0) return;
      const live = await auth.liveSessions(ids);
      for (const id of ids) if (!live.has(id)) streams.closeSession(id);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check().catch(() => undefined), intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
