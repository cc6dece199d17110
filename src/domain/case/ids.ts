/**
 * Branded ids: a CaseId cannot be passed where a MediaId is expected. Ids are ULIDs made by the
 * client; their time part is for uniqueness only and never used for ordering (see docs/SYNC.md).
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type CaseId = Brand<string, 'CaseId'>;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function isUlid(value: string): boolean {
  return ULID.test(value);
}

export function asCaseId(value: string): CaseId {
  if (!isUlid(value)) throw new Error(`not a case id: ${JSON.stringify(value)}`);
  return value as CaseId;
}
