import type { VideoSignature } from '../../domain/video/video-signature';
import type { VpdqFeature } from '../../domain/video/vpdq-feature';

const featureJson = (f: VpdqFeature) => ({
  frame: f.frame,
  quality: f.quality,
  pdq: f.pdq,
  timestamp: f.timestamp,
});

/** `waymark hash --json` for a video: the shape documented in the command's usage. */
export function videoJsonLine(path: string, s: VideoSignature): string {
  return JSON.stringify({
    path,
    kind: 'video',
    bytes: s.bytes,
    md5: s.md5,
    sha1: s.sha1,
    sha256: s.sha256,
    width: s.width,
    height: s.height,
    durationMs: s.durationMs,
    fps: s.fps,
    codec: s.codec,
    secondsPerHash: s.secondsPerHash,
    keyFrames: s.keyFrames,
    vpdq: s.vpdq.map(featureJson),
    ...(s.pictureVpdq.length ? { pictureVpdq: s.pictureVpdq.map(featureJson) } : {}),
    ...(s.incomplete ? { incomplete: s.incomplete } : {}),
  });
}

/** One readable line: size, length, how many frames hashed, and a note when the file was cut short. */
export function videoTextLine(path: string, s: VideoSignature): string {
  const usable = s.vpdq.filter((f) => f.quality >= 50).length;
  const seconds = (s.durationMs / 1000).toFixed(1);
  return `video ${`${s.width}x${s.height}`.padEnd(11)} ${seconds.padStart(7)} s  ${String(s.vpdq.length).padStart(5)} frames (${usable} usable)  ${s.md5}  ${path}${s.incomplete ? `  (${s.incomplete})` : ''}`;
}
