import type { ServerResponse } from 'node:http';

import type { SyncPoke } from '../../../contract/sync.contract';
import type { SyncCommit } from './sync-writer';

/** Heartbeat: a comment line often enough that proxies and browsers keep an idle stream open. */
export const HEARTBEAT_MS = 25_000;

/** Whose stream it is: the user it pokes, and the session that opened it (closed when that session ends). */
export interface StreamOwner {
  readonly userId: string;
  /** The session's id (the SHA-256 of its token, as stored). */
  readonly sessionId: string;
}

interface Stream extends StreamOwner {
  readonly response: ServerResponse;
}

/**
 * The live "poke" (server-sent events on GET /api/sync/events): after every commit that added change
 * rows, each open stream of a user those rows concern gets `event: poke` with the latest seq, and
 * pulls. A poke is only a hint (the pull filters by membership), so it carries nothing but the seq.
 */
export class SyncEvents {
  private readonly streams = new Set<Stream>();
  private heartbeat: NodeJS.Timeout | undefined;

  /** `membersOf` names the users of these cases (the route's database lookup). */
  constructor(
    private readonly limits: { readonly perUser: number; readonly total: number },
    private readonly membersOf: (caseIds: readonly string[]) => Promise<readonly string[]>,
  ) {}

  get openStreams(): number {
    return this.streams.size;
  }

  /** Sessions that have an open stream (checked against the database: see auth-session-watch.ts). */
  sessionIds(): string[] {
    return [...new Set([...this.streams].map((s) => s.sessionId))];
  }

  /** Whether another stream of this user may open: 'ok', or the limit it would break. */
  room(userId: string): 'ok' | 'perUser' | 'total' {
    if (this.streams.size >= this.limits.total) return 'total';
    let mine = 0;
    for (const s of this.streams) if (s.userId === userId) mine++;
    if (mine >= this.limits.perUser) return 'perUser';
    return 'ok';
  }

  /** Registers an open stream (headers already written) and sends the first poke. */
  open(owner: StreamOwner, response: ServerResponse, latestSeq: number): void {
    const stream = { userId: owner.userId, sessionId: owner.sessionId, response };
    this.streams.add(stream);
    response.on('close', () => this.streams.delete(stream));
    send(response, { latestSeq });
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const s of this.streams) s.response.write(': heartbeat\n\n');
      }, HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  /** Pokes the users a commit concerns; never throws (a failed lookup only delays their next pull). */
  poke(commit: SyncCommit): Promise<void> {
    if (commit.changes === 0) return Promise.resolve();
    return this.pokeFor(commit.latestSeq, [...commit.caseIds], [...commit.userIds]);
  }

  /**
   * Pokes these users and the members of these cases (`caseIds` null: every stream; a poke is only a
   * hint, so a commit too large to describe, or a missed message, pokes everyone).
   */
  async pokeFor(
    latestSeq: number,
    caseIds: readonly string[] | null,
    userIds: readonly string[],
  ): Promise<void> {
    if (this.streams.size === 0) return;
    const users = new Set(userIds);
    try {
      if (caseIds && caseIds.length > 0) for (const u of await this.membersOf(caseIds)) users.add(u);
    } catch {
      return;
    }
    for (const s of this.streams)
      if (caseIds === null || users.has(s.userId)) send(s.response, { latestSeq });
  }

  /** Ends the streams a session opened: it signed out, was revoked or expired. */
  closeSession(sessionId: string): void {
    this.end((s) => s.sessionId === sessionId);
  }

  /** Ends every stream of a user: all their sessions ended (revoke-all, password change, disabled). */
  closeUser(userId: string): void {
    this.end((s) => s.userId === userId);
  }

  private end(which: (s: Stream) => boolean): void {
    for (const s of this.streams)
      if (which(s)) {
        this.streams.delete(s);
        s.response.end();
      }
  }

  /** Ends every stream (server shutdown), so closing the server does not wait on them. */
  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const s of this.streams) s.response.end();
    this.streams.clear();
  }
}

function send(response: ServerResponse, poke: SyncPoke): void {
  if (!response.writableEnded) response.write(`event: poke\ndata: ${JSON.stringify(poke)}\n\n`);
}
