import { createHash, randomBytes } from 'node:crypto';

import type { SessionWithUser } from '../repositories/sessions.repository';
import type { UnitOfWork } from '../repositories/unit-of-work';
import { appendAudit, AuditAction, type AuditActor } from './audit-trail';
import type { LoginThrottle } from './login-throttle';
import { burnVerifyTime, hashPassword, passwordRefusal, verifyPassword } from './passwords';
import { actorOf, type Principal, type RequestOrigin } from './principal';
import { hasControlCharacters, usernameKey, UsersService } from './users.service';

/**
 * Sessions: a 256-bit random token goes to the browser (cookie); only its SHA-256 is stored, so a
 * leaked database cannot be replayed. A session ends at whichever comes first: `absoluteTimeoutMs`
 * after sign-in, `idleTimeoutMs` without an action of the analyst (background requests such as the
 * periodic sync pull do not count: see http/session-activity.ts), sign-out, revoke-all, a password
 * change, or the user being disabled. Whoever ends sessions here says so through `onSessionsEnded`,
 * so the live streams those sessions opened close at once.
 */
export interface SessionSettings {
  readonly idleTimeoutMs: number;
  readonly absoluteTimeoutMs: number;
  /** last_seen_at is rewritten at most this often, so reads do not each cost a write. */
  readonly touchIntervalMs: number;
}

export type LoginResult =
  | { ok: true; token: string; principal: Principal }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export type PasswordChangeResult =
  | { ok: true; token: string; principal: Principal; endedSessions: number }
  | { ok: false; reason: 'weak_password' | 'password_too_long'; message: string }
  | { ok: false; reason: 'wrong_password' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Sessions that ended: one (`sessionId`, the stored token hash) or every session of a user. */
export type SessionsEnded = { readonly sessionId: string } | { readonly userId: string };

export interface AuthenticateOptions {
  /** The analyst acted (a click, an edit that is pushed): the idle timeout starts again. */
  readonly activity: boolean;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** A name as tried, for the audit trail: control characters (which no username has) escaped. */
const printable = (name: string) => name.replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1));

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function principalOf(row: SessionWithUser): Principal {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    organization: row.organization,
    contact: row.contact,
    isAdmin: row.is_admin === 1,
    sessionHash: row.token_hash,
    sessionExpiresAt: row.expires_at,
  };
}

export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: SessionSettings,
    private readonly throttle: LoginThrottle,
    private readonly now: () => Date = () => new Date(),
    private readonly onSessionsEnded: (ended: SessionsEnded) => void = () => undefined,
  ) {}

  async login(username: string, password: string, origin: RequestOrigin): Promise<LoginResult> {
    const key = usernameKey(username);
    const ip = origin.ip ?? 'unknown';
    const start = this.now();
    // Charged before the password is checked: parallel guesses see each other.
    const verdict = await this.throttle.attempt(key, ip, start);
    if (!verdict.allowed) {
      const retryAfterSeconds = Math.ceil(verdict.waitMs / 1000);
      await this.uow.transaction((repos) =>
        appendAudit(
          repos,
          {
            action: AuditAction.loginThrottled,
            actor: null,
            subject: printable(username),
            ip: origin.ip,
            detail: { retryAfterSeconds, limit: verdict.limit },
          },
          start,
        ),
      );
      return { ok: false, reason: 'throttled', retryAfterSeconds };
    }

    // A name with control characters is no username (and PostgreSQL text cannot even hold NUL).
    const user = hasControlCharacters(key) ? undefined : await this.uow.read.users.findByKey(key);
    let valid = false;
    if (user && user.disabled_at === null) valid = await verifyPassword(user.password_hash, password);
    else await burnVerifyTime(password);

    const at = this.now();
    if (!valid || !user) {
      await this.uow.transaction((repos) =>
        appendAudit(
          repos,
          {
            action: AuditAction.loginFailed,
            actor: null,
            subject: printable(username),
            ip: origin.ip,
            detail: { knownUser: user !== undefined },
          },
          at,
        ),
      );
      return { ok: false, reason: 'invalid' };
    }

    await this.throttle.succeeded(verdict, key, ip, at);
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const expiresAt = new Date(at.getTime() + this.settings.absoluteTimeoutMs).toISOString();
    await this.uow.transaction(async (repos) => {
      await repos.sessions.insert({
        token_hash: tokenHash,
        user_id: user.id,
        created_at: at.toISOString(),
        last_seen_at: at.toISOString(),
        expires_at: expiresAt,
        ip: origin.ip,
        user_agent: origin.userAgent?.slice(0, 300) ?? null,
      });
      await appendAudit(
        repos,
        {
          action: AuditAction.login,
          actor: { id: user.id, name: user.username },
          ip: origin.ip,
          // The first 16 hex digits of the token hash tie later entries to this session without
          // storing anything that could be replayed.
          detail: { session: tokenHash.slice(0, 16) },
        },
        at,
      );
    });
    return {
      ok: true,
      token,
      principal: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        organization: user.organization,
        contact: user.contact,
        isAdmin: user.is_admin === 1,
        sessionHash: tokenHash,
        sessionExpiresAt: expiresAt,
      },
    };
  }

  /**
   * The principal for a session token, or null when it is unknown, expired or its user is disabled.
   * Only `activity` moves the idle timeout on.
   */
  async authenticate(token: string | undefined, options: AuthenticateOptions): Promise<Principal | null> {
    if (!token || !TOKEN.test(token)) return null;
    const tokenHash = hashToken(token);
    const row = await this.uow.read.sessions.findWithUser(tokenHash);
    if (!row) return null;
    const now = this.now();
    const idleSince = now.getTime() - Date.parse(row.last_seen_at);
    if (!this.isLive(row, now)) {
      await this.uow.read.sessions.delete(tokenHash);
      this.onSessionsEnded({ sessionId: tokenHash });
      return null;
    }
    if (options.activity && idleSince > this.settings.touchIntervalMs)
      await this.uow.read.sessions.touch(tokenHash, now.toISOString());
    return principalOf(row);
  }

  /**
   * Which of these sessions still live (not signed out, revoked, expired, idle, or of a disabled user).
   * Asked for the sessions with open live streams, so that sessions ended by another process (the
   * CLI) or by time close their streams too.
   */
  async liveSessions(sessionIds: readonly string[]): Promise<Set<string>> {
    const now = this.now();
    const live = new Set<string>();
    for (let i = 0; i < sessionIds.length; i += 500) {
      const rows = await this.uow.read.sessions.findManyWithUser(sessionIds.slice(i, i + 500));
      for (const row of rows) if (this.isLive(row, now)) live.add(row.token_hash);
    }
    return live;
  }

  private isLive(row: SessionWithUser, now: Date): boolean {
    return (
      row.disabled_at === null &&
      Date.parse(row.expires_at) > now.getTime() &&
      now.getTime() - Date.parse(row.last_seen_at) <= this.settings.idleTimeoutMs
    );
  }

  async logout(principal: Principal, origin: RequestOrigin): Promise<void> {
    const at = this.now();
    await this.uow.transaction(async (repos) => {
      await repos.sessions.delete(principal.sessionHash);
      await appendAudit(
        repos,
        {
          action: AuditAction.logout,
          actor: actorOf(principal),
          ip: origin.ip,
          detail: { session: principal.sessionHash.slice(0, 16) },
        },
        at,
      );
    });
    this.onSessionsEnded({ sessionId: principal.sessionHash });
  }

  /**
   * A password change by the signed-in analyst (the account menu). The current password is checked
   * like a sign-in (same throttle: a stolen session cannot guess it faster than a sign-in could).
   * Every session of the user ends, this one included, and this browser gets a new session with the
   * same absolute end (a token seen before the change is worth nothing after it).
   */
  async changePassword(
    principal: Principal,
    input: { currentPassword: string; newPassword: string },
    origin: RequestOrigin,
  ): Promise<PasswordChangeResult> {
    const refused = passwordRefusal(input.newPassword);
    if (refused) return { ok: false, ...refused };
    const key = usernameKey(principal.username);
    const ip = origin.ip ?? 'unknown';
    const verdict = await this.throttle.attempt(key, ip, this.now());
    if (!verdict.allowed)
      return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(verdict.waitMs / 1000) };
    const user = await this.uow.read.users.findById(principal.userId);
    const valid =
      user !== undefined &&
      user.disabled_at === null &&
      (await verifyPassword(user.password_hash, input.currentPassword));
    const at = this.now();
    if (!valid) {
      await this.uow.transaction((repos) =>
        appendAudit(
          repos,
          {
            action: AuditAction.userPasswordChangeFailed,
            actor: actorOf(principal),
            subject: principal.userId,
            ip: origin.ip,
            detail: { session: principal.sessionHash.slice(0, 16) },
          },
          at,
        ),
      );
      return { ok: false, reason: 'wrong_password' };
    }
    await this.throttle.succeeded(verdict, key, ip, at);
    const passwordHash = await hashPassword(input.newPassword);
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const endedSessions = await this.uow.transaction(async (repos) => {
      await repos.users.setPasswordHash(principal.userId, passwordHash, at.toISOString());
      const ended = await repos.sessions.deleteAllForUser(principal.userId);
      await repos.sessions.insert({
        token_hash: tokenHash,
        user_id: principal.userId,
        created_at: at.toISOString(),
        last_seen_at: at.toISOString(),
        expires_at: principal.sessionExpiresAt,
        ip: origin.ip,
        user_agent: origin.userAgent?.slice(0, 300) ?? null,
      });
      await appendAudit(
        repos,
        {
          action: AuditAction.userPasswordSet,
          actor: actorOf(principal),
          subject: principal.userId,
          ip: origin.ip,
          detail: {
            username: principal.username,
            by: 'self',
            endedSessions: ended,
            session: tokenHash.slice(0, 16),
          },
        },
        at,
      );
      return ended;
    });
    this.onSessionsEnded({ userId: principal.userId });
    return { ok: true, token, principal: { ...principal, sessionHash: tokenHash }, endedSessions };
  }

  /** Ends every session of the user (stolen cookie, lost laptop). */
  async revokeAll(userId: string, actor: AuditActor, origin: RequestOrigin): Promise<number> {
    const count = await new UsersService(this.uow, this.now).revokeSessions(userId, actor, origin);
    this.onSessionsEnded({ userId });
    return count;
  }

  /** Housekeeping: expired sessions (refused on use anyway) and spent sign-in limits. */
  async purgeExpired(): Promise<number> {
    const now = this.now();
    await this.throttle.sweep(now);
    return this.uow.read.sessions.deleteExpired(
      now.toISOString(),
      new Date(now.getTime() - this.settings.idleTimeoutMs).toISOString(),
    );
  }
}
