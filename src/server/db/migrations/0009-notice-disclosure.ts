import type { Kysely, Migration } from 'kysely';

/**
 * What deconfliction notices show other cases of a case (issue 15: no oracle): its owners choose.
 * Every case starts at 'unit' (the owner's unit and contact, not the case name), existing ones too.
 */
export function noticeDisclosure(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('cases')
        .addColumn('notice_disclosure', 'text', (c) => c.notNull().defaultTo('unit'))
        .execute();
    },
  };
}
