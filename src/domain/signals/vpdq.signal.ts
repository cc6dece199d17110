import { hexSignal } from './signal-type';

/**
 * Meta's vPDQ (video PDQ, ThreatExchange `vpdq/`): a video's signature is the PDQ of its sampled frames.
 * One value is one frame's PDQ (64 hex digits); a frame matches within the PDQ radius, frames under the
 * quality floor are dropped before matching. Video-level decisions (q%, c%) live in domain/video.
 */
export const vpdqSignal = hexSignal('vpdq', 64, 'distance');
