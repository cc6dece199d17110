import type { SecurityConfig } from '../config';
import type { UnitOfWork } from '../repositories/unit-of-work';
import { hasControlCharacters } from './users.service';

/**
 * Sign-in throttling, kept in the database so every server process shares it (and a restart forgets
 * nothing). Each limit is a GCRA bucket (generic cell rate algorithm): `burst` attempts at once, then
 * one every `intervalMs` (= window / burst). Whatever anyone does, one limit makes a sign-in wait at
 * most one interval: limits slow guessing down, they never lock anyone out.
 *
 * - `accountFromAddress`: one account from one address (5 per 15 min: then one every 3 minutes);
 * - `account`: one account from every address together (20 per 15 min: one guess every 45 s),
 *   so spreading guesses over many addresses gains an attacker nothing;
 * - `address`: one address across every account (50 per 15 min: one every 18 s), against spraying
 *   many usernames. It does not hold back an account signing in from an address it signed in from
 *   successfully in the last `knownSourceMs`: an attack through a shared address (an untrusted proxy,
 *   a NAT) does not shut out the people who work behind it.
 *
 * An attempt is charged before its password is checked (parallel guesses see each other, even in
 * other processes: the rows are locked for the length of the decision) and only when every limit lets
 * it through. A successful sign-in gives back its charge on the account and the address, and clears
 * the account-from-address limit.
 */
export interface Limit {
  readonly burst: number;
  readonly intervalMs: number;
}

export const LimitName = {
  accountFromAddress: 'account-from-address',
  account: 'account',
  address: 'address',
} as const;
export type LimitName = (typeof LimitName)[keyof typeof LimitName];

export interface LoginThrottleOptions {
  readonly accountFromAddress: Limit;
  readonly account: Limit;
  readonly address: Limit;
  readonly knownSourceMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function throttleOptions(security: SecurityConfig): LoginThrottleOptions {
  const windowMs = security.loginWindowMinutes * MINUTE;
  const limit = (burst: number): Limit => ({ burst, intervalMs: windowMs / burst });
  return {
    accountFromAddress: limit(security.loginMaxFailures),
    account: limit(security.loginMaxFailuresPerAccount),
    address: limit(security.loginMaxFailuresPerIp),
    knownSourceMs: 30 * DAY,
  };
}

/**
 * One GCRA decision. `tat` is the bucket's theoretical arrival time (0 for a fresh one). Allowed when
 * the bucket, after this attempt, is at most `burst` intervals ahead of now; the wait otherwise is how
 * long until it would be.
 */
export function gcra(tat: number, now: number, limit: Limit): { waitMs: number; next: number } {
  const next = Math.max(tat, now) + limit.intervalMs;
  const waitMs = next - now - limit.burst * limit.intervalMs;
  return waitMs > 0 ? { waitMs: Math.ceil(waitMs), next: tat } : { waitMs: 0, next };
}

export type ThrottleVerdict =
  | { readonly allowed: true; readonly charged: readonly (readonly [string, Limit])[] }
  | { readonly allowed: false; readonly waitMs: number; readonly limit: LimitName };

// JSON keeps the parts apart whatever they contain (and escapes what PostgreSQL text cannot hold).
const keyOf = {
  accountFromAddress: (user: string, ip: string) => `p:${JSON.stringify([user, ip])}`,
  account: (user: string) => `a:${JSON.stringify(user)}`,
  address: (ip: string) => `i:${JSON.stringify(ip)}`,
};

export class LoginThrottle {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly options: LoginThrottleOptions,
  ) {}

  /** Decides (and, when allowed, charges) one attempt to prove `usernameKey`'s password from `ip`. */
  async attempt(usernameKey: string, ip: string, now: Date): Promise<ThrottleVerdict> {
    const { options } = this;
    const since = new Date(now.getTime() - options.knownSourceMs).toISOString();
    const known =
      !hasControlCharacters(usernameKey) &&
      (await this.uow.read.loginThrottle.isKnownSource(usernameKey, ip, since));
    const limits: [LimitName, string, Limit][] = [
      [LimitName.accountFromAddress, keyOf.accountFromAddress(usernameKey, ip), options.accountFromAddress],
      [LimitName.account, keyOf.account(usernameKey), options.account],
    ];
    if (!known) limits.push([LimitName.address, keyOf.address(ip), options.address]);
    const at = now.getTime();
    return this.uow.transaction(async (repos): Promise<ThrottleVerdict> => {
      const tats = await repos.loginThrottle.lock(limits.map(([, key]) => key));
      let refusal: { waitMs: number; limit: LimitName } | undefined;
      const next: [string, number][] = [];
      for (const [name, key, limit] of limits) {
        const decision = gcra(tats.get(key) ?? 0, at, limit);
        if (decision.waitMs > 0 && decision.waitMs > (refusal?.waitMs ?? 0))
          refusal = { waitMs: decision.waitMs, limit: name };
        next.push([key, decision.next]);
      }
      if (refusal) return { allowed: false, ...refusal };
      for (const [key, tat] of next) await repos.loginThrottle.set(key, tat);
      return { allowed: true, charged: limits.map(([, key, limit]) => [key, limit] as const) };
    });
  }

  /** The attempt proved the password: give its charges back, start the pair over, remember the address. */
  async succeeded(
    verdict: ThrottleVerdict & { allowed: true },
    usernameKey: string,
    ip: string,
    now: Date,
  ): Promise<void> {
    const pair = keyOf.accountFromAddress(usernameKey, ip);
    await this.uow.transaction(async (repos) => {
      const tats = await repos.loginThrottle.lock(verdict.charged.map(([key]) => key));
      for (const [key, limit] of verdict.charged) {
        const tat = tats.get(key) ?? 0;
        await repos.loginThrottle.set(key, key === pair ? 0 : Math.max(0, tat - limit.intervalMs));
      }
      await repos.loginThrottle.rememberSource(usernameKey, ip, now.toISOString());
    });
  }

  /** Drops spent limits and addresses not used for a sign-in within `knownSourceMs`. */
  async sweep(now: Date): Promise<void> {
    await this.uow.read.loginThrottle.deleteSpent(now.getTime());
    await this.uow.read.loginThrottle.forgetSourcesBefore(
      new Date(now.getTime() - this.options.knownSourceMs).toISOString(),
    );
  }
}
