import { parseArgs } from 'node:util';

import { AuthService } from '../../server/services/auth.service';
import { LoginThrottle } from '../../server/services/login-throttle';
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
  list  list users
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
        [u.username, u.isAdmin ? 'admin' : 'user', u.displayName, u.organization, u.contact].join('\t') +
          '\n',
      );
    if (users.length === 0) io.stderr.write('no users yet: add one with `waymark user add NAME`\n');
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

async function revokeSessions(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...extra] = args;
  if (!name || extra.length) {
    io.stderr.write(`waymark user revoke-sessions: give exactly one user name.\n`);
    return ExitCode.usage;
  }
  const { database, uow } = await openServerStorage(io.env);
  try {
    const user = await uow.read.users.findByKey(usernameKey(name));
    if (!user) {
      io.stderr.write(`waymark user revoke-sessions: no user named "${name}".\n`);
      return ExitCode.failed;
    }
    const auth = new AuthService(
      uow,
      { idleTimeoutMs: 1, absoluteTimeoutMs: 1, touchIntervalMs: 1 },
      new LoginThrottle({ maxFailures: 1, windowMs: 1, maxFailuresPerIp: 1 }),
    );
    const count = await auth.revokeAll(user.id, cliActor(), { ip: null });
    io.stdout.write(`ended ${count} session${count === 1 ? '' : 's'} of ${user.username}\n`);
    return ExitCode.ok;
  } finally {
    await database.close();
  }
}

export const userCommand: CliCommand = {
  name: 'user',
  summary: 'add and list team-server users, end their sessions',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    try {
      if (action === 'add') return await add(rest, io);
      if (action === 'list') return await list(io);
      if (action === 'revoke-sessions') return await revokeSessions(rest, io);
    } catch (error) {
      io.stderr.write(`waymark user: ${error instanceof Error ? error.message : String(error)}\n`);
      return ExitCode.failed;
    }
    io.stderr.write(`waymark user: unknown action "${action ?? ''}".\n\n${usage}`);
    return ExitCode.usage;
  },
};
