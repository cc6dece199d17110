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

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  https: boolean,
  maxAgeSeconds: number,
): void {
  reply.setCookie(sessionCookieName(https), token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: https,
    maxAge: Math.max(1, Math.floor(maxAgeSeconds)),
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
