import { parseArgs } from 'node:util';

import { usernameKey, UsersService } from '../../server/services/users.service';
import { ExitCode, type CliCommand, type CliIo } from '../command';
import { cliActor, openServerStorage } from '../server-storage/open-server-storage';
import { readPassword } from '../server-storage/read-password';

const usage = `Usage: npm run -s waymark -- user <action> [options]

Accounts on the team server (the same DATA_DIR / DATABASE_URL as the server).

Actions:
  add [--admin] [--display-name TEXT] [--organization TEXT] [--contact TEXT] NAME
        create a user; the password is read from standard input (hidden on a terminal,
        first line from a pipe) and must have at least 12 characters
  list  list users (name, role, display name, organization, contact, active or disabled)
  passwd NAME
        set a new password for NAME, read from standard input like \`add\`; every session of
        NAME ends (the server closes their live streams within seconds)
  disable NAME
        NAME can no longer sign in; every session of NAME ends. Memberships and history stay.
  enable NAME
        let a disabled user sign in again
  revoke-sessions NAME
        end every session of NAME (a stolen cookie, a lost laptop)
`;

async function add(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      admin: { type: 'boolean', default: false },
      'display-name': { type: 'string' },
      organization: { type: 'string' },
      contact: { type: 'string' },
    },
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length) {
    io.stderr.write(`waymark user add: give exactly one user name.\n\n${usage}`);
    return ExitCode.usage;
  }
  let password: string;
  try {
    password = await readPassword(io.stdin, io.stderr);
  } catch (error) {
    io.stderr.write(`waymark user add: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.failed;
  }
  const { database, uow } = await openServerStorage(io.env);
  try {
    const result = await new UsersService(uow).create(
      {
        username: name,
        password,
        displayName: values['display-name'],
        organization: values.organization,
        contact: values.contact,
        isAdmin: values.admin,
      },
      cliActor(),
    );
    if (!result.ok) {
      io.stderr.write(`waymark user add: ${result.message}\n`);
      return ExitCode.failed;
    }
    const u = result.value;
    io.stdout.write(
      `created ${u.isAdmin ? 'administrator' : 'user'} ${u.username} (${u.id}) on ${database.kind}\n`,
    );
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

async function list(io: CliIo): Promise<number> {
  const { database, uow } = await openServerStorage(io.env);
  try {
    const users = await new UsersService(uow).list();
    for (const u of users)
      io.stdout.write(
        [
          u.username,
          u.isAdmin ? 'admin' : 'user',
          u.displayName,
          u.organization,
          u.contact,
          u.disabled ? 'disabled' : 'active',
        ].join('\t') + '\n',
      );
    if (users.length === 0) io.stderr.write('no users yet: add one with `waymark user add NAME`\n');
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

/** The one NAME an action takes, or a usage error. */
function oneName(action: string, args: readonly string[], io: CliIo): string | null {
  const [name, ...extra] = args;
  if (name && extra.length === 0 && !name.startsWith('-')) return name;
  io.stderr.write(`waymark user ${action}: give exactly one user name.\n\n${usage}`);
  return null;
}

const sessionsText = (n: number) => `${n} session${n === 1 ? '' : 's'}`;

async function passwd(args: readonly string[], io: CliIo): Promise<number> {
  const name = oneName('passwd', args, io);
  if (name === null) return ExitCode.usage;
  let password: string;
  try {
    password = await readPassword(io.stdin, io.stderr);
  } catch (error) {
    io.stderr.write(`waymark user passwd: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.failed;
  }
  const { database, uow } = await openServerStorage(io.env);
  try {
    const result = await new UsersService(uow).setPassword(name, password, cliActor());
    if (!result.ok) {
      io.stderr.write(`waymark user passwd: ${result.message}\n`);
      return ExitCode.failed;
    }
    const { user, endedSessions } = result.value;
    io.stdout.write(`new password set for ${user.username}; ended ${sessionsText(endedSessions)}\n`);
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

async function setDisabled(
  action: 'disable' | 'enable',
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const name = oneName(action, args, io);
  if (name === null) return ExitCode.usage;
  const { database, uow } = await openServerStorage(io.env);
  try {
    const result = await new UsersService(uow).setDisabled(name, action === 'disable', cliActor());
    if (!result.ok) {
      io.stderr.write(`waymark user ${action}: ${result.message}\n`);
      return ExitCode.failed;
    }
    const { user, changed, endedSessions } = result.value;
    if (!changed) io.stdout.write(`${user.username} is already ${action}d\n`);
    else if (action === 'disable')
      io.stdout.write(`disabled ${user.username}; ended ${sessionsText(endedSessions)}\n`);
    else io.stdout.write(`enabled ${user.username}\n`);
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

async function revokeSessions(args: readonly string[], io: CliIo): Promise<number> {
  const name = oneName('revoke-sessions', args, io);
  if (name === null) return ExitCode.usage;
  const { database, uow } = await openServerStorage(io.env);
  try {
    const user = await uow.read.users.findByKey(usernameKey(name));
    if (!user) {
      io.stderr.write(`waymark user revoke-sessions: no user named "${name}".\n`);
      return ExitCode.failed;
    }
    const count = await new UsersService(uow).revokeSessions(user.id, cliActor(), { ip: null });
    io.stdout.write(`ended ${sessionsText(count)} of ${user.username}\n`);
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

export const userCommand: CliCommand = {
  name: 'user',
  summary: 'add, list, disable and enable team-server users, set passwords, end sessions',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    try {
      if (action === 'add') return await add(rest, io);
      if (action === 'list') return await list(io);
      if (action === 'passwd') return await passwd(rest, io);
      if (action === 'disable' || action === 'enable') return await setDisabled(action, rest, io);
      if (action === 'revoke-sessions') return await revokeSessions(rest, io);
    } catch (error) {
      io.stderr.write(`waymark user: ${error instanceof Error ? error.message : String(error)}\n`);
      return ExitCode.failed;
    }
    io.stderr.write(`waymark user: unknown action "${action ?? ''}".\n\n${usage}`);
    return ExitCode.usage;
  },
};
