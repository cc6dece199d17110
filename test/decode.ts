// Decoding and editing corpus photos for tests, with sharp (the test realm may use Node; the code under
// test takes plain pixels).
import sharp from 'sharp';

import type { PixelImage } from '../src/domain/image/pixel-image';
import { corpusPath } from './corpus';

/** A corpus image (path inside the corpus) as RGB pixels. */
export async function decodeCorpusImage(path: string): Promise<PixelImage> {
  const { data, info } = await sharp(corpusPath(path))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}

/** The pixels after a sharp edit (crop, resize, flip, recompression…), decoded again. */
export async function editPixels(image: PixelImage, f: (s: sharp.Sharp) => sharp.Sharp): Promise<PixelImage> {
  const s = sharp(Buffer.from(image.data), {
    raw: { width: image.width, height: image.height, channels: 3 },
  });
  const { data, info } = await f(s).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}
