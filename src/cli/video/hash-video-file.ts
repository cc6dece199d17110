/**
 * One video in Node: ffprobe for the stream, then ffmpeg decodes and converts to RGB24 exactly as the
 * vPDQ reference does (libswscale with SWS_AREA; `-sws_flags area+accurate_rnd -pix_fmt rgb24` gives
 * the reference's pixels on almost every frame), streamed through a pipe one frame at a time: only one
 * frame is ever in memory here, and the pipe's back-pressure holds ffmpeg while a frame is hashed.
 *
 * Frame numbers count every decoded frame from 0 (`-fps_mode passthrough`: no frame duplicated or
 * dropped for a constant output rate). When sampling, ffmpeg's `select` filter keeps every step-th
 * frame before the colour conversion, so skipped frames are decoded but never converted or piped.
 * No automatic rotation (the reference hashes frames as coded). The file's MD5/SHA-1/SHA-256 are read
 * from disk, streamed, while ffmpeg decodes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import type { CryptoHashes, HashFailure } from '../../domain/hashing/file-signature';
import { hashFailure } from '../../domain/hashing/signature';
import { frameStep, frameTimestamp } from '../../domain/video/frame-sampling';
import type { KeyFrameOptions } from '../../domain/video/key-frames';
import { VideoFrameHasher } from '../../domain/video/video-frame-hasher';
import type { VideoContainer } from '../../domain/video/video-container';
import {
  decodedNothing,
  ffmpegMissing,
  incompleteNote,
  noVideoTrack,
  videoUnreadable,
} from '../../domain/video/video-messages';
import type { VideoSignature } from '../../domain/video/video-signature';
import { DEFAULT_SECONDS_PER_HASH, type VpdqFeature } from '../../domain/video/vpdq-feature';
import { lastLine, probeVideo } from './ffprobe';

export interface VideoHashOptions {
  readonly secondsPerHash?: number;
  readonly keyFrames?: KeyFrameOptions;
  /** Tool names or paths (default: WAYMARK_FFMPEG / WAYMARK_FFPROBE, else from PATH). */
  readonly ffmpeg?: string;
  readonly ffprobe?: string;
}

const ffmpegTool = (o: VideoHashOptions) => o.ffmpeg ?? process.env.WAYMARK_FFMPEG ?? 'ffmpeg';
const ffprobeTool = (o: VideoHashOptions) => o.ffprobe ?? process.env.WAYMARK_FFPROBE ?? 'ffprobe';

export async function hashVideoFile(
  path: string,
  container: VideoContainer,
  options: VideoHashOptions = {},
): Promise<VideoSignature | HashFailure> {
  const secondsPerHash = options.secondsPerHash ?? DEFAULT_SECONDS_PER_HASH;
  const reading = streamCryptoHashes(path);
  const probed = await probeVideo(path, ffprobeTool(options));
  if (!probed.ok) {
    const read = await reading;
    const refusal =
      probed.problem === 'no-tool'
        ? ffmpegMissing()
        : probed.problem === 'no-video-track'
          ? noVideoTrack()
          : videoUnreadable(container, probed.detail);
    return hashFailure(read.bytes, refusal, read.crypto);
  }
  const video = probed.video;
  const step = frameStep(video.fps, secondsPerHash);
  const decoded = await decodeAndHash(path, video.width, video.height, video.fps, step, options);
  const read = await reading;
  if (decoded.missingTool) {
    return hashFailure(read.bytes, ffmpegMissing(), read.crypto);
  }
  if (decoded.features.length === 0) {
    const refusal = decoded.error ? videoUnreadable(container, decoded.error) : decodedNothing(container);
    return hashFailure(read.bytes, refusal, read.crypto);
  }
  const last = decoded.features[decoded.features.length - 1]!;
  const decodedSeconds = (last.frame + step) / (video.fps || 1);
  const declaredSeconds = video.durationMs / 1000;
  // Short by more than a sampling step and a second: the end did not decode.
  const short = declaredSeconds > 0 && decodedSeconds + 1 < declaredSeconds;
  return {
    ok: true,
    kind: 'video',
    bytes: read.bytes,
    ...read.crypto,
    container,
    codec: video.codec,
    width: video.width,
    height: video.height,
    durationMs: video.durationMs,
    fps: video.fps,
    secondsPerHash,
    vpdq: decoded.features,
    keyFrames: decoded.keyFrames,
    pictureVpdq: decoded.pictureVpdq,
    ...(short || decoded.error
      ? { incomplete: incompleteNote(Math.min(decodedSeconds, declaredSeconds), declaredSeconds) }
      : {}),
  };
}

interface Decoded {
  features: VpdqFeature[];
  keyFrames: number[];
  pictureVpdq: VpdqFeature[];
  /** ffmpeg's last error line, when it reported one. */
  error?: string;
  missingTool?: boolean;
}

function decodeAndHash(
  path: string,
  width: number,
  height: number,
  fps: number,
  step: number,
  options: VideoHashOptions,
): Promise<Decoded> {
  const args = ['-v', 'error', '-nostdin', '-noautorotate', '-i', path, '-map', '0:v:0', '-an', '-sn', '-dn'];
  if (step > 1) args.push('-vf', `select=not(mod(n\\,${step}))`);
  args.push(
    '-fps_mode',
    'passthrough',
    '-sws_flags',
    'area+accurate_rnd',
    '-pix_fmt',
    'rgb24',
    '-f',
    'rawvideo',
    'pipe:1',
  );
  const child = spawn(ffmpegTool(options), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    if (stderr.length < 16384) stderr += c;
  });
  const exited = new Promise<{ code: number | null; missing: boolean }>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: null, missing: error.code === 'ENOENT' }),
    );
    child.on('close', (code) => resolve({ code, missing: false }));
  });

  const frameBytes = width * height * 3;
  const frame = new Uint8Array(frameBytes);
  const image = { width, height, channels: 3 as const, data: frame };
  const hasher = new VideoFrameHasher(options.keyFrames ? { keyFrames: options.keyFrames } : {});
  let filled = 0;
  let n = 0;
  const take = () => {
    const number = n * step;
    hasher.add(image, number, frameTimestamp(number, fps));
    n++;
    filled = 0;
  };
  return (async () => {
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        let at = 0;
        while (at < chunk.length) {
          const count = Math.min(frameBytes - filled, chunk.length - at);
          frame.set(chunk.subarray(at, at + count), filled);
          filled += count;
          at += count;
          if (filled === frameBytes) take();
        }
      }
    } catch {
      // The pipe broke: the exit status and stderr below say why.
    }
    const { code, missing } = await exited;
    if (missing) return { features: [], keyFrames: [], pictureVpdq: [], missingTool: true };
    const { vpdq: features, keyFrames, pictureVpdq } = hasher.result();
    const error = lastLine(stderr);
    return code === 0 && !error
      ? { features, keyFrames, pictureVpdq }
      : { features, keyFrames, pictureVpdq, error: error || `ffmpeg exited with status ${code}` };
  })();
}

interface ReadResult {
  readonly bytes: number;
  readonly crypto: CryptoHashes;
}

/** MD5, SHA-1 and SHA-256 of a file read as a stream (a video can be many gigabytes). */
export async function streamCryptoHashes(path: string): Promise<ReadResult> {
  const md5 = createHash('md5');
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    md5.update(chunk);
    sha1.update(chunk);
    sha256.update(chunk);
    bytes += chunk.length;
  }
  return {
    bytes,
    crypto: { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') },
  };
}
