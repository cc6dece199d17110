/**
 * One video in the browser worker: demuxed by mediabunny straight from the File (it reads byte ranges
 * on demand through a small cache: the video is never held in memory), decoded by WebCodecs, one frame
 * every `secondsPerHash` seconds hashed with the same PDQ kernel as images (and as the CLI), plus the
 * file's MD5/SHA-1/SHA-256 streamed alongside. Key frames get small JPEG thumbnails for the filmstrip;
 * thumbnails of key frames thinned out are dropped at once.
 *
 * Frame numbers count every decoded frame in presentation order from 0 and timestamps are frame / fps,
 * as the vPDQ reference counts them, so the browser's hashes line up frame by frame with the CLI's.
 * Expected failures are values: no video track, a codec this browser cannot decode (Chromium here has
 * no H.265), a file the demuxer cannot read. A decode that breaks off (a truncated file) keeps what
 * was hashed and says so.
 */
import { ALL_FORMATS, BlobSource, Input, VideoSampleSink, type InputVideoTrack } from 'mediabunny';

import type { HashFailure } from '../../domain/hashing/file-signature';
import { hashRefusal, type HashRefusal } from '../../domain/hashing/hash-problem';
import { hashFailure } from '../../domain/hashing/signature';
import { frameStep, frameTimestamp } from '../../domain/video/frame-sampling';
import type { KeyFrameOptions } from '../../domain/video/key-frames';
import { VIDEO_MIME_TYPES, type VideoContainer } from '../../domain/video/video-container';
import { VideoFrameHasher } from '../../domain/video/video-frame-hasher';
import {
  codecUnsupported,
  decodedNothing,
  incompleteNote,
  noVideoTrack,
  videoUnreadable,
} from '../../domain/video/video-messages';
import type { VideoSignature } from '../../domain/video/video-signature';
import { DEFAULT_SECONDS_PER_HASH } from '../../domain/video/vpdq-feature';
import { streamAndHash, type ReadBytes } from '../hashing/crypto-stream';
import { framePixels, frameThumbnail } from './frame-pixels';

export interface WorkerVideoOptions {
  readonly secondsPerHash?: number;
  readonly keyFrames?: KeyFrameOptions;
  /** Key-frame thumbnails on/off. Default on. */
  readonly thumbnails?: boolean;
  /**
   * For bench:video only: demux and decode every frame, hash nothing (no pixels read, no crypto):
   * WebCodecs' own throughput, the yardstick for the pipeline's.
   */
  readonly decodeOnly?: boolean;
}

export interface KeyFrameThumbnail {
  readonly frame: number;
  readonly timestamp: number;
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

export type WorkerVideoResult =
  | (VideoSignature & {
      readonly mimeType: string;
      readonly thumbnails: readonly KeyFrameThumbnail[];
      /** Every frame decoded (hashed or not). */
      readonly framesDecoded: number;
    })
  | (HashFailure & { readonly mimeType?: string });

const CODEC_NAMES: Readonly<Record<string, string>> = {
  avc: 'H.264',
  hevc: 'H.265 (HEVC)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
};

const detail = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function hashVideoInWorker(
  file: Blob,
  container: VideoContainer,
  options: WorkerVideoOptions = {},
): Promise<WorkerVideoResult> {
  const mimeType = VIDEO_MIME_TYPES[container];
  if (file.size === 0) return { ...hashFailure(0, hashRefusal({ code: 'empty' })), mimeType };
  const reading = streamAndHash(file);
  const fail = async (refusal: HashRefusal): Promise<WorkerVideoResult> => {
    const read = await reading;
    return { ...hashFailure(read.bytes, refusal, read.crypto), mimeType };
  };
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    let track: InputVideoTrack | null;
    try {
      track = await input.getPrimaryVideoTrack();
    } catch (error) {
      return await fail(videoUnreadable(container, detail(error)));
    }
    if (!track) return await fail(noVideoTrack());
    const codec = track.codec ?? 'unknown';
    if (!(await track.canDecode())) return await fail(codecUnsupported(CODEC_NAMES[codec] ?? codec));
    return await hashTrack(input, track, codec, container, mimeType, reading, options, fail);
  } finally {
    input.dispose();
  }
}

async function hashTrack(
  input: Input,
  track: InputVideoTrack,
  codec: string,
  container: VideoContainer,
  mimeType: string,
  reading: Promise<ReadBytes>,
  options: WorkerVideoOptions,
  fail: (refusal: HashRefusal) => Promise<WorkerVideoResult>,
): Promise<WorkerVideoResult> {
  const secondsPerHash = options.secondsPerHash ?? DEFAULT_SECONDS_PER_HASH;
  let fps: number;
  let durationSeconds: number;
  try {
    fps = (await track.computePacketStats(240)).averagePacketRate;
    durationSeconds = await input.computeDuration();
  } catch (error) {
    return fail(videoUnreadable(container, detail(error)));
  }
  if (options.decodeOnly) return decodeOnly(track, fps, durationSeconds, container, mimeType);
  const step = frameStep(fps, secondsPerHash);
  const hasher = new VideoFrameHasher(options.keyFrames ? { keyFrames: options.keyFrames } : {});
  const thumbnails = new Map<number, Promise<{ blob: Blob; width: number; height: number }>>();
  const wantThumbnails = options.thumbnails ?? true;
  let width = 0;
  let height = 0;
  let n = 0;
  let broken: string | undefined;
  try {
    for await (const sample of new VideoSampleSink(track).samples()) {
      try {
        if (n % step === 0) {
          const image = await framePixels(sample);
          width = image.width;
          height = image.height;
          const { keyFrame } = hasher.add(image, n, frameTimestamp(n, fps));
          for (const dropped of keyFrame.dropped) thumbnails.delete(dropped);
          if (keyFrame.keep && wantThumbnails) thumbnails.set(n, frameThumbnail(sample));
        }
      } finally {
        sample.close();
      }
      n++;
    }
  } catch (error) {
    broken = detail(error);
  }
  if (hasher.frameCount === 0)
    return fail(broken ? videoUnreadable(container, broken) : decodedNothing(container));
  const read = await reading;
  const { vpdq, keyFrames, pictureVpdq } = hasher.result();
  const kept: KeyFrameThumbnail[] = [];
  for (const frame of keyFrames) {
    const made = thumbnails.get(frame);
    if (made) kept.push({ frame, timestamp: frameTimestamp(frame, fps), ...(await made) });
  }
  const decodedSeconds = n / (fps || 1);
  const short = durationSeconds > 0 && decodedSeconds + 1 < durationSeconds;
  return {
    ok: true,
    kind: 'video',
    bytes: read.bytes,
    ...read.crypto,
    container,
    codec: (await track.getCodecParameterString()) ?? codec,
    width,
    height,
    durationMs: Math.round(durationSeconds * 1000),
    fps,
    secondsPerHash,
    vpdq,
    keyFrames,
    pictureVpdq,
    ...(short || broken
      ? {
          incomplete: incompleteNote(Math.min(decodedSeconds, durationSeconds), durationSeconds),
          decodedMs: Math.round(Math.min(decodedSeconds, durationSeconds) * 1000),
        }
      : {}),
    mimeType,
    thumbnails: kept,
    framesDecoded: n,
  };
}

/** Every frame decoded and closed; the result carries the stream's facts and the frame count, no hash. */
async function decodeOnly(
  track: InputVideoTrack,
  fps: number,
  durationSeconds: number,
  container: VideoContainer,
  mimeType: string,
): Promise<WorkerVideoResult> {
  let n = 0;
  for await (const sample of new VideoSampleSink(track).samples()) {
    sample.close();
    n++;
  }
  return {
    ok: true,
    kind: 'video',
    bytes: 0,
    md5: '',
    sha1: '',
    sha256: '',
    container,
    codec: track.codec ?? 'unknown',
    width: track.codedWidth,
    height: track.codedHeight,
    durationMs: Math.round(durationSeconds * 1000),
    fps,
    secondsPerHash: 0,
    vpdq: [],
    keyFrames: [],
    pictureVpdq: [],
    mimeType,
    thumbnails: [],
    framesDecoded: n,
  };
}
