/**
 * Decoded pixels as stored in the file: row-major, no row padding, 8 bits per channel, no EXIF
 * rotation and no colour management applied (the decode policy; see README "Decode policy").
 * channels 4 = RGBA (browser getImageData), 3 = RGB (sharp), 1 = grey.
 */
export interface PixelImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
  readonly data: Uint8Array | Uint8ClampedArray;
}
