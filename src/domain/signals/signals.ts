import { md5Signal } from './md5.signal';
import { pdqSignal } from './pdq.signal';
import { sha1Signal } from './sha1.signal';
import { sha256Signal } from './sha256.signal';
import { vpdqSignal } from './vpdq.signal';
import type { SignalDefinition, SignalType } from './signal-type';

/** Every signal type's definition, keyed by type (a missing one is a compile error). */
export const SIGNALS: { readonly [T in SignalType]: SignalDefinition<T> } = {
  md5: md5Signal,
  sha1: sha1Signal,
  sha256: sha256Signal,
  pdq: pdqSignal,
  vpdq: vpdqSignal,
};

/** Signal types compared by equality of their values. */
export const EXACT_SIGNAL_TYPES = (Object.values(SIGNALS) as SignalDefinition[])
  .filter((s) => s.comparison === 'exact')
  .map((s) => s.type);
