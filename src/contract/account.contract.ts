import { z } from 'zod';

/**
 * Usernames: 1-64 characters without spaces or control characters. Anything else (quotes, semicolons,
 * non-Latin scripts) is allowed and stored verbatim; storage uses bound parameters only.
 */
export const USERNAME_MAX_LENGTH = 64;
export const Username = z
  .string()
  .min(1)
  .max(USERNAME_MAX_LENGTH)
  .regex(/^[^\s\p{Cc}]+$/u, 'a username has no spaces or control characters');

/** Passwords: at least 12 characters (length beats composition rules); the cap bounds hashing work. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

export const LoginRequest = z.object({
  username: z
    .string()
    .min(1)
    .max(USERNAME_MAX_LENGTH * 4),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Who a user is to colleagues: deconfliction shows "owner, organization, contact". */
export const UserProfile = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  organization: z.string(),
  contact: z.string(),
  isAdmin: z.boolean(),
});
export type UserProfile = z.infer<typeof UserProfile>;

export const SessionInfo = z.object({
  /** ISO-8601: the absolute end of this session, whatever the activity. */
  expiresAt: z.string(),
  /** Minutes of inactivity after which the session ends. */
  idleTimeoutMinutes: z.number().int().positive(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const MeResponse = z.object({ user: UserProfile, session: SessionInfo });
export type MeResponse = z.infer<typeof MeResponse>;

/** Bodies of mutating requests that carry no data: still JSON, so the CSRF rule has no exception. */
export const EmptyRequest = z.object({}).strict();
export type EmptyRequest = z.infer<typeof EmptyRequest>;

export const OkResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponse>;

/** A password change from the account menu: the current password proves it is the analyst at the keyboard. */
export const ChangePasswordRequest = z
  .object({
    currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    // Strength (length) is the server's rule, answered with a reason the UI words.
    newPassword: z
      .string()
      .min(1)
      .max(PASSWORD_MAX_LENGTH * 4),
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** Why an account request was refused (ApiErrorBody.reason); the UI words each. */
export const AccountErrorReason = z.enum([
  /** The current password given with a change is wrong (403). */
  'wrong_password',
  /** The new password is shorter than PASSWORD_MIN_LENGTH characters, or only spaces (400). */
  'weak_password',
  /** The new password is longer than PASSWORD_MAX_LENGTH characters (400). */
  'password_too_long',
]);
export type AccountErrorReason = z.infer<typeof AccountErrorReason>;

export const RevokeAllResponse = z.object({ ok: z.literal(true), revokedSessions: z.number().int() });
export type RevokeAllResponse = z.infer<typeof RevokeAllResponse>;

/**
 * Sent (value `1`) by requests the app makes on its own, such as the periodic sync pull: they do not
 * count as the analyst's activity, so a tab left open never keeps an idle session alive.
 */
export const BACKGROUND_HEADER = 'x-waymark-background';
