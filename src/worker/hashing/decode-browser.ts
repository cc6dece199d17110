/**
 * Decoding in the browser worker: createImageBitmap -> OffscreenCanvas -> getImageData.
 *
 * Decode policy (the same as the CLI's, src/cli/hashing/decode-node.ts):
 * - Hash the pixels as stored, with no EXIF rotation and no colour management, which is what the PDQ
 *   reference hashes: `colorSpaceConversion: 'none'` ignores embedded ICC profiles, and since Chromium
 *   applies the EXIF orientation whatever `imageOrientation` says, the rotation is undone on the pixels
 *   (an exact permutation, see storedFromDisplayed). Chromium yields the same JPEG pixels as
 *   libjpeg-turbo, so hashes are bit-exact with the reference and with the CLI. The EXIF orientation
 *   is recorded separately, and matching uses the 8 dihedral hashes, so a rotated or mirrored copy
 *   still matches.
 * - Refuse images declaring more than MAX_IMAGE_PIXELS (100 MP) from the header, before decoding
 *   (decompression bombs). The format comes from magic bytes, never from the file name.
 * - SVG is refused (no fixed pixels; it can reference the network). HEIC and TIFF are `unsupported`
 *   here (Chromium has no decoder for them); the CLI decodes TIFF.
 * - Animated images: the first frame. Alpha: the canvas keeps colour under opaque and partly
 *   transparent pixels; fully transparent pixels read back as black (the canvas premultiplies), where
 *   the CLI keeps the stored colour, so only images with transparent areas can differ between the two.
 */
import { refuseBeforeDecode, undecodable } from '../../domain/hashing/decode-policy';
import { hashRefusal, type HashRefusal } from '../../domain/hashing/hash-problem';
import { ImageFormat, type ImageHeader as SniffedHeader } from '../../domain/image/image-header';
import { storedFromDisplayed } from '../../domain/image/orientation';
import type { PixelImage } from '../../domain/image/pixel-image';

export const BROWSER_UNSUPPORTED_FORMATS: ReadonlySet<ImageFormat> = new Set([
  ImageFormat.svg,
  ImageFormat.heic,
  ImageFormat.tiff,
]);

/** The sniffed header plus the EXIF orientation read from it. */
export interface ImageHeader extends SniffedHeader {
  readonly orientation: number | undefined;
}

export type BrowserDecodeResult = { ok: true; bitmap: ImageBitmap; image: PixelImage } | HashRefusal;

/** Checks the header, then starts decoding (Chromium decodes off this thread; await the result later). */
export function startDecode(
  file: Blob,
  header: ImageHeader,
  bytes: number,
): Promise<BrowserDecodeResult> | BrowserDecodeResult {
  const refused = refuseBeforeDecode(header, bytes, BROWSER_UNSUPPORTED_FORMATS);
  if (refused) return refused;
  return createImageBitmap(file, { colorSpaceConversion: 'none', imageOrientation: 'from-image' }).then(
    (bitmap) => readPixels(bitmap, header),
    (error: unknown) => {
      return undecodable(header.format, error instanceof Error ? error.message : undefined);
    },
  );
}

function readPixels(bitmap: ImageBitmap, header: ImageHeader): BrowserDecodeResult {
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) {
    bitmap.close();
    return hashRefusal({ code: 'unexpected' }, 'the browser gave no 2D canvas to read the pixels');
  }
  context.drawImage(bitmap, 0, 0);
  const { data } = context.getImageData(0, 0, width, height);
  // A plain Uint8Array view (no copy): copying it into the PDQ kernel's memory is then a memcpy.
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const displayed: PixelImage = { width, height, channels: 4, data: bytes };
  // A quarter turn shows as swapped sides; if the decoder did not turn the image, leave it alone.
  const orientation = header.orientation;
  const turned =
    (orientation ?? 1) < 5 || header.width === 0 || (width === header.height && height === header.width);
  return { ok: true, bitmap, image: turned ? storedFromDisplayed(displayed, orientation) : displayed };
}
