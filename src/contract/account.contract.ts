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

export const RevokeAllResponse = z.object({ ok: z.literal(true), revokedSessions: z.number().int() });
export type RevokeAllResponse = z.infer<typeof RevokeAllResponse>;

/**
 * Sent (value `1`) by requests the app makes on its own, such as the periodic sync pull: they do not
 * count as the analyst's activity, so a tab left open never keeps an idle session alive.
 */
export const BACKGROUND_HEADER = 'x-waymark-background';
