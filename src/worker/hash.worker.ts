// The hashing worker: one file in, its signature (+ thumbnail) out. Pure compute; the main thread stores results.
import * as Comlink from 'comlink';

import { hashFileInWorker, type WorkerFileResult } from './hashing/hash-file-pipeline';

import { sniffVideoContainer, VIDEO_SNIFF_BYTES } from '../domain/video/video-container';
import type { WorkerVideoOptions, WorkerVideoResult } from './video/hash-video';
import type { WorkerVideoFileResult } from './video/video-file-result';

export type { WorkerFileResult } from './hashing/hash-file-pipeline';
export type { KeyFrameThumbnail, WorkerVideoOptions, WorkerVideoResult } from './video/hash-video';
export type { WorkerVideoFileResult } from './video/video-file-result';

/** What hashFile returns: an image's signature, a video's, or a failure. */
export type WorkerMediaResult = WorkerFileResult | WorkerVideoFileResult;

export interface HashFileOptions {
  /** Video sampling (seconds between hashed frames; 0 = every frame). */
  readonly secondsPerHash?: number;
}

const api = {
  /**
   * Any file: images by the image pipeline; videos (told by their first bytes) by the video pipeline,
   * whose demuxer and decoder load on first use (a set of images never pays for them).
   */
  hashFile(file: Blob, options: HashFileOptions = {}): Promise<WorkerMediaResult> {
    return hashFileInWorker(file, async (container) => {
      const { hashVideoFile } = await import('./video/video-file-result');
      return hashVideoFile(file, container, options);
    });
  },
  /** Whether the file is a video (by its first bytes): such files go to hashVideo. */
  async isVideo(file: Blob): Promise<boolean> {
    return sniffVideoContainer(new Uint8Array(await file.slice(0, VIDEO_SNIFF_BYTES).arrayBuffer())) !== null;
  },
  /** vPDQ of a video; the demuxer and decoder load on first use (images never pay for them). */
  async hashVideo(file: Blob, options: WorkerVideoOptions = {}): Promise<WorkerVideoResult | null> {
    const container = sniffVideoContainer(
      new Uint8Array(await file.slice(0, VIDEO_SNIFF_BYTES).arrayBuffer()),
    );
    if (!container) return null;
    const { hashVideoInWorker } = await import('./video/hash-video');
    return hashVideoInWorker(file, container, options);
  },
};

export type HashWorkerApi = typeof api;

Comlink.expose(api);
