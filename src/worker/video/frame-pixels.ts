import type { VideoSample } from 'mediabunny';

import type { PixelImage } from '../../domain/image/pixel-image';
import { yuvToRgb, YuvLayout } from '../../domain/video/yuv-frame';

/**
 * A decoded frame's pixels for PDQ. 8-bit planar YUV (what the software decoders give) is copied out
 * as planes and converted to RGB as the reference's libswscale does (BT.601, limited range: see
 * domain/video/yuv-frame.ts), so the browser's hashes follow the reference rather than the display's
 * colour management. Any other format (10-bit, RGB from a hardware decoder) is drawn on a canvas and
 * read back. Buffers are kept between frames: one frame's worth of memory, whatever the video's length.
 */
const LAYOUTS: Readonly<Record<string, YuvLayout>> = {
  I420: YuvLayout.i420,
  I420A: YuvLayout.i420,
  I422: YuvLayout.i422,
  I444: YuvLayout.i444,
  NV12: YuvLayout.nv12,
};

let planes = new Uint8Array(0);
let rgb = new Uint8Array(0);
let canvas: OffscreenCanvas | null = null;

export async function framePixels(sample: VideoSample): Promise<PixelImage> {
  const { width, height } = sample.visibleRect;
  const layout = sample.format ? LAYOUTS[sample.format] : undefined;
  if (layout) {
    const size = sample.allocationSize();
    if (planes.length < size) planes = new Uint8Array(size);
    if (rgb.length < width * height * 3) rgb = new Uint8Array(width * height * 3);
    const view = planes.subarray(0, size);
    const layouts = await sample.copyTo(view);
    return yuvToRgb({ layout, width, height, data: view, planes: layouts }, rgb);
  }
  if (!canvas || canvas.width !== width || canvas.height !== height)
    canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d context to read a video frame');
  sample.draw(context, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  return { width, height, channels: 4, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** A small JPEG of the frame for the filmstrip (drawn now; encoded in the returned promise). */
export function frameThumbnail(
  sample: VideoSample,
  longestSide = 160,
): Promise<{ blob: Blob; width: number; height: number }> {
  const scale = Math.min(1, longestSide / Math.max(sample.displayWidth, sample.displayHeight));
  const width = Math.max(1, Math.round(sample.displayWidth * scale));
  const height = Math.max(1, Math.round(sample.displayHeight * scale));
  const small = new OffscreenCanvas(width, height);
  const context = small.getContext('2d');
  if (!context) throw new Error('no 2d context for a key-frame thumbnail');
  context.imageSmoothingQuality = 'low';
  sample.draw(context, 0, 0, width, height);
  return small.convertToBlob({ type: 'image/jpeg', quality: 0.75 }).then((blob) => ({ blob, width, height }));
}
