/**
 * What the CLI needs to know about a video before decoding it, from `ffprobe` (shipped with ffmpeg):
 * the first video stream's codec, coded size, average frame rate and duration, or why there is none.
 */
import { spawn } from 'node:child_process';

export interface ProbedVideo {
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly durationMs: number;
}

export type ProbeResult =
  | { readonly ok: true; readonly video: ProbedVideo }
  | {
      readonly ok: false;
      readonly problem: 'no-tool' | 'no-video-track' | 'unreadable-container';
      readonly detail: string;
    };

interface ProbeJson {
  streams?: {
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    avg_frame_rate?: string;
    r_frame_rate?: string;
    duration?: string;
    nb_frames?: string;
  }[];
  format?: { duration?: string };
}

/** "30000/1001" -> 29.97; null when it is not a positive rate. */
export function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [n, d] = rate.split('/').map(Number);
  const value = d === undefined ? n! : n! / d;
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function readProbeJson(json: ProbeJson): ProbeResult {
  const stream = json.streams?.find((s) => s.codec_type === 'video');
  if (!stream) return { ok: false, problem: 'no-video-track', detail: 'no video stream' };
  const width = stream.width ?? 0;
  const height = stream.height ?? 0;
  if (!(width > 0 && height > 0))
    return { ok: false, problem: 'unreadable-container', detail: 'the video stream has no picture size' };
  const fps = parseRate(stream.avg_frame_rate) ?? parseRate(stream.r_frame_rate) ?? 0;
  const seconds = Number(stream.duration ?? json.format?.duration ?? Number.NaN);
  return {
    ok: true,
    video: {
      codec: stream.codec_name ?? 'unknown',
      width,
      height,
      fps,
      durationMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0,
    },
  };
}

export function probeVideo(path: string, ffprobe = 'ffprobe'): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = spawn(
      ffprobe,
      [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,duration:format=duration',
        '-of',
        'json',
        '--',
        path,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      if (err.length < 4096) err += c;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        problem: 'no-tool',
        detail: error.code === 'ENOENT' ? 'ffprobe not found' : error.message,
      }),
    );
    child.on('close', (code) => {
      if (code !== 0) return resolve({ ok: false, problem: 'unreadable-container', detail: lastLine(err) });
      try {
        resolve(readProbeJson(JSON.parse(out) as ProbeJson));
      } catch {
        resolve({ ok: false, problem: 'unreadable-container', detail: 'ffprobe gave no readable answer' });
      }
    });
  });
}

/** The last non-empty line of a tool's error output, without the "[mov,mp4 @ 0x…]" prefix. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^\[[^\]]*\]\s*/, '').trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? '';
}
