/**
 * What Waymark keeps of a file's EXIF: the fields that link images across seizures (camera make,
 * model, body and lens serials), place them in time and space, and flag tampering hints. The
 * normalizer is pure: the worker reads raw tags with exifr and hands them here.
 */
export interface ExifSummary {
  readonly make?: string;
  readonly model?: string;
  /** The camera body serial: EXIF `BodySerialNumber`/`SerialNumber`, else a maker-note serial. */
  readonly serial?: string;
  readonly lensSerial?: string;
  /** Capture time as written by the camera, `YYYY-MM-DDTHH:MM:SS` with no zone (EXIF has none). */
  readonly capturedAt?: string;
  readonly gps?: { readonly lat: number; readonly lon: number };
  readonly software?: string;
  readonly orientation?: number;
  /** The embedded (IFD1) thumbnail shows a different picture than the main image (edited after capture?). */
  readonly embeddedThumbnailDiffers?: boolean;
}
