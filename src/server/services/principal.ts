/** The signed-in user behind a request, as the session lookup found them. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly organization: string;
  readonly contact: string;
  readonly isAdmin: boolean;
  /** SHA-256 of this request's session token. */
  readonly sessionHash: string;
  readonly sessionExpiresAt: string;
}

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  readonly ip: string | null;
  readonly userAgent?: string | null;
}

export const actorOf = (p: Principal) => ({ id: p.userId, name: p.username });
