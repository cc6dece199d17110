import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session cookie. Over HTTPS it is `__Host-` prefixed (the browser then insists on Secure,
 * Path=/ and no Domain, so no sibling host can plant or read it); on plain-HTTP localhost the prefix
 * and Secure would stop the browser from keeping it, so the plain name is used.
 */
export function sessionCookieName(https: boolean): string {
  return https ? '__Host-waymark_session' : 'waymark_session';
}

export function readSessionToken(request: FastifyRequest, https: boolean): string | undefined {
  return request.cookies[sessionCookieName(https)];
}

/**
 * The cookie lives no longer than its session: it expires at the session's absolute end (both Max-Age
 * and Expires, for browsers that honour only one), so a browser never holds a token the server
 * would refuse anyway. The server still checks both timeouts on every request.
 */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  https: boolean,
  session: { readonly expiresAt: string; readonly now: Date },
): void {
  const expires = new Date(session.expiresAt);
  reply.setCookie(sessionCookieName(https), token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: https,
    expires,
    maxAge: Math.max(1, Math.floor((expires.getTime() - session.now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply, https: boolean): void {
  reply.clearCookie(sessionCookieName(https), {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: https,
  });
}
