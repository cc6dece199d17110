import { boxMean, integralOf, type LumaPlane } from './luma-plane';

/** Side of the stored luma thumbnail: 32x32 bytes is enough to align crops to PDQ's accuracy. */
export const THUMB_SIDE = 32;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

/** The whole plane resampled to side x side (aspect not kept), as base64 bytes. */
export function thumbnailOf(plane: LumaPlane, side: number): string {
  const bytes = new Uint8Array(side * side);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const v = boxMean(
        plane,
        (x * plane.width) / side,
        (y * plane.height) / side,
        ((x + 1) * plane.width) / side,
        ((y + 1) * plane.height) / side,
      );
      bytes[y * side + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  return toBase64(bytes);
}

/** A thumbnail as a plane (for window hashes and alignment), or null when the text is not one. */
export function thumbnailPlane(text: string, side = THUMB_SIDE): LumaPlane | null {
  const bytes = fromBase64(text);
  if (!bytes || bytes.length !== side * side) return null;
  const luma = Float32Array.from(bytes);
  return { width: side, height: side, luma, integral: integralOf(luma, side, side), scale: 0 };
}

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

export function fromBase64(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? B64_VALUE[code]! : -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}
