/**
 * Compile-time check that a record schema describes exactly a domain type (same fields, same types;
 * `readonly` ignored). Used where the domain builds the records itself (leads, clues, notes): the domain
 * type stays the model its rules are written against, and a field renamed on either side is a compile
 * error here.
 */
type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

export type SameShape<A, B> = [DeepMutable<A>] extends [DeepMutable<B>]
  ? [DeepMutable<B>] extends [DeepMutable<A>]
    ? true
    : false
  : false;

export type Assert<T extends true> = T;
