/**
 * Decoding in Node (sharp / libvips; JPEG through libjpeg-turbo, like the PDQ reference).
 *
 * Decode policy (the same as the browser worker's):
 * - Hash the pixels as stored: EXIF orientation is NOT applied (sharp only rotates when asked) and
 *   no colour management is done (`ignoreIcc`): this is what the PDQ reference hashes, so the hashes
 *   are comparable with everyone else's. The EXIF orientation is recorded separately, and matching
 *   uses the 8 dihedral hashes, so a rotated or mirrored copy still matches.
 * - Refuse images declaring more than MAX_IMAGE_PIXELS (100 MP) from the header, before decoding
 *   (decompression bombs); libvips' own pixel limit is set to the same value as a second guard.
 * - The format comes from magic bytes. SVG is refused (no fixed pixels; it can reference the network),
 *   HEIC is unsupported (sharp's prebuilt libvips has no HEVC decoder).
 * - Animated images: the first frame. Alpha: ignored (colour channels as stored, like the reference).
 *   16-bit images are reduced to 8 bits. CMYK is converted to RGB by libvips.
 * - Lenient decoding (`failOn: 'none'`): a JPEG without its end marker or cut short decodes as far as
 *   its data goes, as libjpeg does for the reference; a file libvips cannot decode at all is `undecodable`.
 */
import sharp from 'sharp';

import { refuseBeforeDecode, tooLarge, undecodable } from '../../domain/hashing/decode-policy';
import { MAX_IMAGE_PIXELS } from '../../domain/hashing/file-signature';
import type { HashRefusal } from '../../domain/hashing/hash-problem';
import { ImageFormat, readImageHeader } from '../../domain/image/image-header';
import { readJpegOrientation } from '../../domain/image/jpeg-orientation';
import type { PixelImage } from '../../domain/image/pixel-image';

export const NODE_UNSUPPORTED_FORMATS: ReadonlySet<ImageFormat> = new Set([
  ImageFormat.svg,
  ImageFormat.heic,
]);

export type NodeDecodeResult =
  { ok: true; image: PixelImage; format: string; orientation?: number } | HashRefusal;

sharp.concurrency(1); // one libvips thread per decode: parallelism comes from one worker per core
sharp.cache(false);

export async function decodeImageBytes(bytes: Uint8Array): Promise<NodeDecodeResult> {
  const header = readImageHeader(bytes);
  const refused = refuseBeforeDecode(header, bytes.length, NODE_UNSUPPORTED_FORMATS);
  if (refused) return refused;
  try {
    const { data, info } = await sharp(bytes, {
      failOn: 'none',
      ignoreIcc: true,
      limitInputPixels: MAX_IMAGE_PIXELS,
      autoOrient: false,
    })
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 1)
      return undecodable(header.format, `${info.channels} channels`);
    const image: PixelImage = {
      width: info.width,
      height: info.height,
      channels: info.channels,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
    const orientation = header.format === ImageFormat.jpeg ? readJpegOrientation(bytes) : undefined;
    return orientation === undefined
      ? { ok: true, image, format: header.format }
      : { ok: true, image, format: header.format, orientation };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(detail)) return tooLarge(header.width, header.height);
    return undecodable(header.format, detail);
  }
}
