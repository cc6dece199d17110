import type { PixelImage } from './pixel-image';

/**
 * Undoes an EXIF orientation (2-8) already applied by a decoder, giving back the pixels as stored.
 * Browsers rotate by EXIF whatever `imageOrientation` asks; the hash policy wants the stored pixels,
 * and an EXIF orientation is a pure permutation of pixels, so undoing it is exact.
 * `displayed` is the decoder's (oriented) output; orientation 1 or unknown returns it unchanged.
 */
export function storedFromDisplayed(displayed: PixelImage, orientation: number | undefined): PixelImage {
  if (orientation === undefined || orientation < 2 || orientation > 8) return displayed;
  const swap = orientation >= 5;
  const { channels, data } = displayed;
  const Wd = displayed.width;
  const Ws = swap ? displayed.height : displayed.width;
  const Hs = swap ? displayed.width : displayed.height;
  const out = new Uint8Array(Ws * Hs * channels);
  for (let ys = 0; ys < Hs; ys++) {
    for (let xs = 0; xs < Ws; xs++) {
      let x: number;
      let y: number;
      switch (orientation) {
        case 2:
          [x, y] = [Ws - 1 - xs, ys];
          break;
        case 3:
          [x, y] = [Ws - 1 - xs, Hs - 1 - ys];
          break;
        case 4:
          [x, y] = [xs, Hs - 1 - ys];
          break;
        case 5:
          [x, y] = [ys, xs];
          break;
        case 6:
          [x, y] = [Hs - 1 - ys, xs];
          break;
        case 7:
          [x, y] = [Hs - 1 - ys, Ws - 1 - xs];
          break;
        default:
          [x, y] = [ys, Ws - 1 - xs];
          break;
      }
      const from = (y * Wd + x) * channels;
      const to = (ys * Ws + xs) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c]!;
    }
  }
  return { width: Ws, height: Hs, channels, data: out };
}
