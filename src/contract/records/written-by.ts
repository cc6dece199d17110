import type { RecordData, RecordDefinition } from './define-record';

/** The account a record's author field names, as the server writes it (and a signed-in browser shows it). */
export interface Author {
  readonly username: string;
  readonly displayName: string;
}

/** Author fields hold at most 200 characters of text (fields.ts Text(200)). */
const AUTHOR_MAX = 200;

/**
 * How a record names the account that wrote it: "Display Name (username)". The username makes it
 * unambiguous (display names may repeat); the display name is cut, never the username, to fit.
 */
export function authorName(account: Author): string {
  if (account.displayName === account.username) return account.username;
  const tail = ` (${account.username})`;
  const room = AUTHOR_MAX - tail.length;
  return `${[...account.displayName].slice(0, Math.max(room, 0)).join('')}${tail}`;
}

/**
 * A put's fields with the definition's author field written by the server (issue 15: authorship from
 * the account, never from the browser). By default the author is set when the record is made and any
 * value sent for an existing record is dropped (the field is immutable); with `every`, on each write;
 * with `follows`, it is set (or nulled) exactly when that field is written, and dropped otherwise.
 */
export function withAuthor(
  definition: RecordDefinition,
  fields: RecordData,
  exists: boolean,
  author: string,
): RecordData {
  const rule = definition.writtenBy;
  if (!rule) return fields;
  const { [rule.field]: _sent, ...rest } = fields;
  if (rule.every) return { ...rest, [rule.field]: author };
  if (rule.follows === undefined) return exists ? rest : { ...rest, [rule.field]: author };
  if (!Object.hasOwn(fields, rule.follows)) return rest;
  return { ...rest, [rule.field]: fields[rule.follows] === null ? null : author };
}
