import { ulid } from 'ulidx';

import { Username } from '../../contract/account.contract';
import type { UserProfile } from '../../contract/account.contract';
import type { UserRow } from '../repositories/users.repository';
import type { UnitOfWork } from '../repositories/unit-of-work';
import { appendAudit, AuditAction, type AuditActor } from './audit-trail';
import { checkPasswordStrength, hashPassword } from './passwords';
import { fail, ok, type ServiceResult } from './service-result';

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
    const weak = checkPasswordStrength(input.password);
    if (weak === 'too-short' || weak === 'whitespace-only')
      return fail(
        'bad_request',
        'The password is too weak: use at least 12 characters (a passphrase is best).',
      );
    if (weak === 'too-long')
      return fail('bad_request', 'The password is too long (at most 1024 characters).');
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

  async list(): Promise<UserProfile[]> {
    return (await this.uow.read.users.list()).map(profileOf);
  }
}
