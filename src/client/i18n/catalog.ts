import { originalsMessages } from '../features/originals/originals.messages';
import { syncMessages } from '../features/sync/sync.messages';
import type { Message } from './define-messages';
import { accountMessages } from './messages/account.messages';
import { coreMessages } from './messages/core.messages';
import { hashListsMessages } from './messages/hashlists.messages';
import { hashToolMessages } from './messages/hash-tool.messages';
import { leadsMessages } from './messages/leads.messages';
import { workspaceMessages } from './messages/workspace.messages';

/**
 * Every area's messages, merged per language. Add one import and one entry per area; keys are
 * namespaced ('area.key') so areas never collide.
 */
const areas = [
  coreMessages,
  workspaceMessages,
  hashToolMessages,
  accountMessages,
  leadsMessages,
  hashListsMessages,
  syncMessages,
  originalsMessages,
] as const;

type Merge<T extends readonly { en: object }[]> = T extends readonly [
  infer H extends { en: object },
  ...infer R extends { en: object }[],
]
  ? H['en'] & Merge<R>
  : unknown;

export type EnglishMessages = Merge<typeof areas>;
export type MessageKey = Extract<keyof EnglishMessages, string>;
export type Catalog = Readonly<Record<MessageKey, Message>>;

export const en = Object.assign({}, ...areas.map((a) => a.en)) as Catalog;
export const ar = Object.assign({}, ...areas.map((a) => a.ar)) as Catalog;
