/**
 * `waymark group` with videos: the videos among the paths are hashed (vPDQ, as `waymark hash`) and
 * placed around the image groups by domain/video/video-grouping.ts: a video joins the image group its
 * frames match, videos matching each other share a group, and a video whose frames match several
 * groups is put with the group it matches most and linked to the others (never merging them).
 */
import { open } from 'node:fs/promises';

import { sniffVideoContainer, VIDEO_SNIFF_BYTES } from '../../domain/video/video-container';
import { placeVideos, type GroupedImage, type VideoToPlace } from '../../domain/video/video-grouping';
import { isVideoSignature } from '../../domain/video/video-signature';
import { hashFiles } from '../hashing/hash-files';
import { hashProblemEnglish } from '../hashing/hash-problem-english';

async function isVideoFile(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await file.read(Buffer.alloc(VIDEO_SNIFF_BYTES), 0, VIDEO_SNIFF_BYTES, 0);
      return sniffVideoContainer(buffer.subarray(0, bytesRead)) !== null;
    } finally {
      await file.close();
    }
  } catch {
    return false; // unreadable: the image path reports it
  }
}

export async function splitVideoPaths(
  paths: readonly string[],
): Promise<{ videos: string[]; others: string[] }> {
  const videos: string[] = [];
  const others: string[] = [];
  for (const path of paths) ((await isVideoFile(path)) ? videos : others).push(path);
  return { videos, others };
}

export interface PlacedVideos {
  /** Group label of each video path (existing image groups keep their numbers; new ones follow). */
  readonly labelOf: ReadonlyMap<string, number>;
  readonly groupCount: number;
  /** Videos linked to more groups than the one they are listed in. */
  readonly links: readonly { readonly path: string; readonly groups: readonly number[] }[];
}

export async function placeVideoFiles(
  videos: readonly string[],
  images: readonly GroupedImage[],
  groupCount: number,
  options: { concurrency?: number; secondsPerHash?: number },
  onProblem: (path: string, message: string) => void,
): Promise<PlacedVideos> {
  if (videos.length === 0) return { labelOf: new Map(), groupCount, links: [] };
  const hashed: VideoToPlace[] = [];
  const failed: string[] = [];
  for await (const { path, signature } of hashFiles(videos, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.secondsPerHash === undefined ? {} : { file: { secondsPerHash: options.secondsPerHash } }),
  })) {
    if (isVideoSignature(signature)) {
      if (signature.incomplete) onProblem(path, signature.incomplete);
      hashed.push({ id: path, vpdq: signature.vpdq, pictureVpdq: signature.pictureVpdq });
    } else {
      if (!signature.ok) onProblem(path, hashProblemEnglish(signature));
      failed.push(path);
    }
  }
  const labelOf = new Map<string, number>();
  const links: { path: string; groups: number[] }[] = [];
  const componentGroup = new Map<number, number>();
  let next = groupCount;
  for (const p of placeVideos(hashed, images)) {
    let label: number;
    if (p.links.length > 0) label = p.links[0]!.group;
    else {
      if (!componentGroup.has(p.component)) componentGroup.set(p.component, next++);
      label = componentGroup.get(p.component)!;
    }
    labelOf.set(p.id, label);
    if (p.links.length > 1) links.push({ path: p.id, groups: p.links.map((l) => l.group) });
  }
  for (const path of failed) labelOf.set(path, next++);
  return { labelOf, groupCount: next, links };
}
