/**
 * Tells a video file from its first bytes (never from its name): the container, for choosing the
 * video path over the image path, and for messages. HEIF/AVIF still images also start with an
 * ISO-BMFF `ftyp` box; their brands are left to the image path.
 */
export const VideoContainer = {
  mp4: 'mp4',
  quicktime: 'quicktime',
  matroska: 'matroska',
  webm: 'webm',
  avi: 'avi',
  mpegTs: 'mpeg-ts',
  mpegPs: 'mpeg-ps',
  flv: 'flv',
  asf: 'asf',
  threeGp: '3gp',
} as const;
export type VideoContainer = (typeof VideoContainer)[keyof typeof VideoContainer];

/** Each container's usual name (a proper noun: the same in every language). */
export const VIDEO_CONTAINER_NAMES: Readonly<Record<VideoContainer, string>> = {
  mp4: 'MP4',
  quicktime: 'QuickTime',
  matroska: 'Matroska',
  webm: 'WebM',
  avi: 'AVI',
  'mpeg-ts': 'MPEG-TS',
  'mpeg-ps': 'MPEG-PS',
  flv: 'FLV',
  asf: 'ASF/WMV',
  '3gp': '3GP',
};

export const VIDEO_MIME_TYPES: Readonly<Record<VideoContainer, string>> = {
  mp4: 'video/mp4',
  quicktime: 'video/quicktime',
  matroska: 'video/x-matroska',
  webm: 'video/webm',
  avi: 'video/x-msvideo',
  'mpeg-ts': 'video/mp2t',
  'mpeg-ps': 'video/mpeg',
  flv: 'video/x-flv',
  asf: 'video/x-ms-asf',
  '3gp': 'video/3gpp',
};

/** How many first bytes the sniffer wants (MPEG-TS needs three packets' sync bytes). */
export const VIDEO_SNIFF_BYTES = 4096;

const IMAGE_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'mif1',
  'msf1',
  'avif',
  'avis',
]);

function ascii(b: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < at + length && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** The container of a video file, or null when these bytes do not start a video container we know. */
export function sniffVideoContainer(b: Uint8Array): VideoContainer | null {
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const major = ascii(b, 8, 4);
    if (IMAGE_BRANDS.has(major)) return null;
    if (major === 'qt  ') return VideoContainer.quicktime;
    if (major.startsWith('3g')) return VideoContainer.threeGp;
    return VideoContainer.mp4;
  }
  // QuickTime files without ftyp start with another top-level atom.
  if (b.length >= 8 && ['moov', 'mdat', 'wide', 'free', 'skip'].includes(ascii(b, 4, 4)))
    return VideoContainer.quicktime;
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3)
    return ascii(b, 0, Math.min(b.length, 64)).includes('webm')
      ? VideoContainer.webm
      : VideoContainer.matroska;
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'AVI ') return VideoContainer.avi;
  if (b.length >= 3 && ascii(b, 0, 3) === 'FLV') return VideoContainer.flv;
  if (b.length >= 4 && b[0] === 0x30 && b[1] === 0x26 && b[2] === 0xb2 && b[3] === 0x75)
    return VideoContainer.asf;
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0xba) return VideoContainer.mpegPs;
  if (b.length >= 3 * 188 && b[0] === 0x47 && b[188] === 0x47 && b[376] === 0x47)
    return VideoContainer.mpegTs;
  return null;
}
