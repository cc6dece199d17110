import { hexSignal } from './signal-type';

/** SHA-1 of the file's bytes (VICS `SHA1`). */
export const sha1Signal = hexSignal('sha1', 40, 'exact');
