import { hash, verify } from '@node-rs/argon2';

import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type AccountErrorReason,
} from '../../contract/account.contract';

/**
 * argon2id (the library's default algorithm) with OWASP's baseline: 19 MiB, 2 passes, 1 lane.
 * Hashing runs on libuv's thread pool, so sign-ins do not block the event loop.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the username is unknown, so a wrong username costs the same time as a
// wrong password and timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('waymark-timing-equalizer');
  await verifyPassword(await dummyHash, password);
}

export type PasswordProblem = 'too-short' | 'too-long' | 'whitespace-only';

/** Length is the rule (NIST SP 800-63B); composition rules only make passwords worse. */
export function checkPasswordStrength(password: string): PasswordProblem | null {
  if (password.trim().length === 0) return 'whitespace-only';
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too-long';
  return null;
}

/** A new password that is refused: the reason code the UI words, and a sentence for the command line. */
export function passwordRefusal(
  password: string,
): { reason: AccountErrorReason & ('weak_password' | 'password_too_long'); message: string } | null {
  const problem = checkPasswordStrength(password);
  if (problem === null) return null;
  if (problem === 'too-long')
    return {
      reason: 'password_too_long',
      message: `The password is too long (at most ${PASSWORD_MAX_LENGTH} characters).`,
    };
  return {
    reason: 'weak_password',
    message: `The password is too weak: use at least ${PASSWORD_MIN_LENGTH} characters (a passphrase is best).`,
  };
}
