// The hashing worker: one file in, its signature (+ thumbnail) out. Pure compute; the main thread stores results.
import * as Comlink from 'comlink';

import { hashFileInWorker, type WorkerFileResult } from './hashing/hash-file-pipeline';

import { sniffVideoContainer, VIDEO_SNIFF_BYTES } from '../domain/video/video-container';
import type { WorkerVideoOptions, WorkerVideoResult } from './video/hash-video';

export type { WorkerFileResult } from './hashing/hash-file-pipeline';
export type { KeyFrameThumbnail, WorkerVideoOptions, WorkerVideoResult } from './video/hash-video';

const api = {
  hashFile(file: Blob): Promise<WorkerFileResult> {
    return hashFileInWorker(file);
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
