/**
 * The EXIF Orientation (1-8) of a JPEG, read from its APP1 segment without a full EXIF parse, or
 * undefined when absent or unreadable. Bounded: looks at IFD0 only, never follows pointers, so
 * corrupt or looping EXIF cannot hang it. Hashing ignores orientation (pixels as stored); it is recorded.
 */
export function readJpegOrientation(b: Uint8Array): number | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker === 0xda || marker === 0xd9 || length < 2) return undefined;
    if (marker === 0xe1 && length >= 16 && String.fromCharCode(...b.subarray(i + 4, i + 10)) === 'Exif\0\0')
      return orientationFromTiff(b.subarray(i + 10, Math.min(b.length, i + 2 + length)));
    i += 2 + length;
  }
  return undefined;
}

function orientationFromTiff(t: Uint8Array): number | undefined {
  if (t.length < 8) return undefined;
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return undefined;
  const u16 = (i: number) => (le ? t[i]! | (t[i + 1]! << 8) : (t[i]! << 8) | t[i + 1]!);
  const u32 = (i: number) => (le ? u16(i) + u16(i + 2) * 65536 : u16(i) * 65536 + u16(i + 2));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return undefined;
  const count = u16(ifd);
  for (let e = 0; e < count; e++) {
    const at = ifd + 2 + e * 12;
    if (at + 12 > t.length) return undefined;
    if (u16(at) === 0x0112) {
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}
