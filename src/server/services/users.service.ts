import { ulid } from 'ulidx';

import { Username } from '../../contract/account.contract';
import type { UserProfile } from '../../contract/account.contract';
import type { UserRow } from '../repositories/users.repository';
import type { UnitOfWork } from '../repositories/unit-of-work';
import { appendAudit, AuditAction, type AuditActor } from './audit-trail';
import { hashPassword, passwordRefusal } from './passwords';
import type { RequestOrigin } from './principal';
import { fail, ok, type ServiceResult } from './service-result';

/** No username has control characters (contract Username); a name with them names no one. */
export const hasControlCharacters = (name: string) => /\p{Cc}/u.test(name);

/** Sign-in is case-insensitive and Unicode-normalized; the name itself is kept as typed. */
export function usernameKey(username: string): string {
  return username.normalize('NFC').toLowerCase();
}

export function profileOf(row: UserRow): UserProfile {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    organization: row.organization,
    contact: row.contact,
    isAdmin: row.is_admin === 1,
  };
}

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly displayName?: string | undefined;
  readonly organization?: string | undefined;
  readonly contact?: string | undefined;
  readonly isAdmin?: boolean | undefined;
}

const FIELD_MAX = 200;

export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: NewUser, actor: AuditActor): Promise<ServiceResult<UserProfile>> {
    const username = Username.safeParse(input.username);
    if (!username.success)
      return fail('bad_request', 'A username is 1 to 64 characters, without spaces or control characters.');
    const refused = passwordRefusal(input.password);
    if (refused) return fail('bad_request', refused.message, refused.reason);
    for (const [label, value] of [
      ['display name', input.displayName],
      ['organization', input.organization],
      ['contact', input.contact],
    ] as const) {
      if (value !== undefined && value.length > FIELD_MAX)
        return fail('bad_request', `The ${label} is too long (at most ${FIELD_MAX} characters).`);
    }
    const key = usernameKey(username.data);
    if (await this.uow.read.users.findByKey(key))
      return fail('conflict', `A user named "${username.data}" already exists.`);

    const passwordHash = await hashPassword(input.password);
    const at = this.now();
    const row: UserRow = {
      id: ulid(),
      username: username.data,
      username_key: key,
      display_name: input.displayName?.trim() || username.data,
      organization: input.organization?.trim() ?? '',
      contact: input.contact?.trim() ?? '',
      password_hash: passwordHash,
      is_admin: input.isAdmin ? 1 : 0,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      disabled_at: null,
    };
    try {
      await this.uow.transaction(async (repos) => {
        await repos.users.insert(row);
        await appendAudit(
          repos,
          {
            action: AuditAction.userCreated,
            actor,
            subject: row.id,
            detail: {
              username: row.username,
              displayName: row.display_name,
              organization: row.organization,
              contact: row.contact,
              isAdmin: row.is_admin === 1,
            },
          },
          at,
        );
      });
    } catch (error) {
      // Two creators raced past the check above; the unique index decided.
      if (await this.uow.read.users.findByKey(key))
        return fail('conflict', `A user named "${username.data}" already exists.`);
      throw error;
    }
    return ok(profileOf(row));
  }

  async list(): Promise<(UserProfile & { disabled: boolean })[]> {
    return (await this.uow.read.users.list()).map((row) => ({
      ...profileOf(row),
      disabled: row.disabled_at !== null,
    }));
  }

  /**
   * Sets a user's password (`waymark user passwd`): every session of the user ends, since whoever
   * held one may be the reason for the change. Audited as user.password_set.
   */
  async setPassword(
    username: string,
    password: string,
    actor: AuditActor,
    origin: RequestOrigin = { ip: null },
  ): Promise<ServiceResult<{ user: UserProfile; endedSessions: number }>> {
    const refused = passwordRefusal(password);
    if (refused) return fail('bad_request', refused.message, refused.reason);
    const user = await this.uow.read.users.findByKey(usernameKey(username));
    if (!user) return fail('not_found', `No user named "${username}".`);
    const passwordHash = await hashPassword(password);
    const at = this.now();
    const endedSessions = await this.uow.transaction(async (repos) => {
      await repos.users.setPasswordHash(user.id, passwordHash, at.toISOString());
      const ended = await repos.sessions.deleteAllForUser(user.id);
      await appendAudit(
        repos,
        {
          action: AuditAction.userPasswordSet,
          actor,
          subject: user.id,
          ip: origin.ip,
          detail: { username: user.username, by: 'administrator', endedSessions: ended },
        },
        at,
      );
      return ended;
    });
    return ok({ user: profileOf(user), endedSessions });
  }

  /** Ends every session of a user (revoke-all, `waymark user revoke-sessions`); audited. */
  async revokeSessions(userId: string, actor: AuditActor, origin: RequestOrigin): Promise<number> {
    const at = this.now();
    return this.uow.transaction(async (repos) => {
      const count = await repos.sessions.deleteAllForUser(userId);
      await appendAudit(
        repos,
        { action: AuditAction.sessionsRevoked, actor, subject: userId, ip: origin.ip, detail: { count } },
        at,
      );
      return count;
    });
  }

  /**
   * Disables (`waymark user disable`) or enables a user. A disabled user cannot sign in and every
   * session of theirs ends now (their live streams close at the server's next check). Nothing else
   * changes: memberships and authorship stay, and enabling restores the account as it was.
   */
  async setDisabled(
    username: string,
    disabled: boolean,
    actor: AuditActor,
  ): Promise<ServiceResult<{ user: UserProfile; changed: boolean; endedSessions: number }>> {
    const user = await this.uow.read.users.findByKey(usernameKey(username));
    if (!user) return fail('not_found', `No user named "${username}".`);
    if ((user.disabled_at !== null) === disabled)
      return ok({ user: profileOf(user), changed: false, endedSessions: 0 });
    const at = this.now();
    const endedSessions = await this.uow.transaction(async (repos) => {
      await repos.users.setDisabledAt(user.id, disabled ? at.toISOString() : null, at.toISOString());
      const ended = disabled ? await repos.sessions.deleteAllForUser(user.id) : 0;
      await appendAudit(
        repos,
        {
          action: disabled ? AuditAction.userDisabled : AuditAction.userEnabled,
          actor,
          subject: user.id,
          detail: { username: user.username, ...(disabled ? { endedSessions: ended } : {}) },
        },
        at,
      );
      return ended;
    });
    return ok({ user: profileOf(user), changed: true, endedSessions });
  }
}
