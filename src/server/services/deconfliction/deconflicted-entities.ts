/**
 * The entities deconfliction follows in the change log: media records, and the frame hashes of videos
 * (videoFrames records, issue 17). A push that writes any of them answers once their matches are
 * written (when the consumer keeps up).
 */
export const DECONFLICTED_ENTITIES = ['media', 'videoFrames'] as const;

export type DeconflictedEntity = (typeof DECONFLICTED_ENTITIES)[number];

export function isDeconflicted(entity: string): entity is DeconflictedEntity {
  return (DECONFLICTED_ENTITIES as readonly string[]).includes(entity);
}
