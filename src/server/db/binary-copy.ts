/**
 * PostgreSQL's binary COPY format (COPY ... TO STDOUT WITH (FORMAT binary)), read into rows of raw
 * field bytes: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 *
 * Why: a statement returning megabytes of bytea as ordinary rows sends it as hex text, which the
 * driver turns into strings and then into Buffers (twice the bytes, and garbage for the collector on
 * every call). COPY sends the bytes as they are stored. Used by the deconfliction index's bucket
 * reads (docs/SCALE.md).
 *
 * Invariant: the parser never reads past the input; anything that is not a complete, well-formed
 * stream (bad signature, a field running past the end, no trailer) throws instead of yielding rows.
 */

/** The 11-byte signature, then a 32-bit flags field and a 32-bit header-extension length. */
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = SIGNATURE.length + 8;
/** Bit 16 of the flags: OIDs included (never asked for here). */
const WITH_OIDS = 1 << 16;

/** One row: each field's bytes (a view into the input, not a copy), or null for SQL NULL. */
export type CopyRow = readonly (Uint8Array | null)[];

export function parseBinaryCopy(bytes: Uint8Array): CopyRow[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, n: number) => {
    if (at + n > bytes.length) throw new Error(`binary COPY stream cut short at byte ${at}`);
  };
  need(0, HEADER_BYTES);
  if (SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a binary COPY stream (bad signature)');
  const flags = view.getUint32(SIGNATURE.length);
  if (flags & WITH_OIDS) throw new Error('binary COPY stream with OIDs is not supported');
  let at = HEADER_BYTES + view.getUint32(SIGNATURE.length + 4);
  const rows: CopyRow[] = [];
  for (;;) {
    need(at, 2);
    const fields = view.getInt16(at);
    at += 2;
    if (fields === -1) return rows;
    if (fields < 0) throw new Error(`binary COPY stream: bad field count ${fields}`);
    const row: (Uint8Array | null)[] = [];
    for (let f = 0; f < fields; f++) {
      need(at, 4);
      const length = view.getInt32(at);
      at += 4;
      if (length === -1) {
        row.push(null);
        continue;
      }
      if (length < 0) throw new Error(`binary COPY stream: bad field length ${length}`);
      need(at, length);
      row.push(bytes.subarray(at, at + length));
      at += length;
    }
    rows.push(row);
  }
}

/** A binary int4 field (big-endian). */
export function int4Of(field: Uint8Array | null | undefined): number {
  if (!field || field.length !== 4) throw new Error('binary COPY stream: expected a 4-byte integer');
  return new DataView(field.buffer, field.byteOffset, 4).getInt32(0);
}
