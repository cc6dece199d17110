import { hexSignal } from './signal-type';

/** MD5 of the file's bytes: the key of the Project VIC / VICS data model (often written upper-case). */
export const md5Signal = hexSignal('md5', 32, 'exact');
