/** Kysely table types: one interface per table, shared by every repository. */
export interface ServerMetaTable {
  key: string;
  value: string;
}

export interface DatabaseSchema {
  server_meta: ServerMetaTable;
}
