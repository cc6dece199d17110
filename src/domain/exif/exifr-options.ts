/**
 * The exifr options the worker uses (and the tests, so they read exactly what the app reads): only
 * the blocks Waymark keeps, raw values (dates as written, no time-zone guesses), GPS computed.
 */
export const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  reviveValues: false,
  translateValues: false,
  translateKeys: true,
  mergeOutput: true,
  silentErrors: true,
} as const;
