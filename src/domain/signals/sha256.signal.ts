import { hexSignal } from './signal-type';

/** SHA-256 of the file's bytes: one media record per distinct SHA-256 in a case. */
export const sha256Signal = hexSignal('sha256', 64, 'exact');
