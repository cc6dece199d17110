import { formatName } from '../../domain/hashing/decode-policy';
import type { HashProblem, HashProblemCode } from '../../domain/hashing/hash-problem';
import { VIDEO_CONTAINER_NAMES } from '../../domain/video/video-container';
import { isolate } from './bidi-isolate';
import type { Translate } from './translate';

/**
 * Hashing failures in the analyst's language. The key derives from the domain's closed set, so a new
 * problem code is a compile error here until English has its message (and a test failure until every
 * language has it). Format, container and codec names are proper nouns, passed as they are.
 */
export const hashProblemKey = (code: HashProblemCode) => `hashing.problem.${code}` as const;

export function hashProblemText(t: Translate, problem: HashProblem): string {
  const key = hashProblemKey(problem.code);
  switch (problem.code) {
    case 'corrupt-image':
    case 'format-unsupported':
      return t(key, { format: isolate(formatName(problem.format)) });
    case 'too-large':
      return t(key, {
        width: problem.width,
        height: problem.height,
        megapixels: Math.round((problem.width * problem.height) / 1e6),
        limit: Math.round(problem.maxPixels / 1e6),
      });
    case 'corrupt-video':
      return t(key, { container: isolate(VIDEO_CONTAINER_NAMES[problem.container]) });
    case 'codec-unsupported':
      return t(key, { codec: isolate(problem.codec) });
    default:
      return t(key);
  }
}

/** The secondary line under a failure: what the decoder or the OS said, as it said it. */
export function hashDetailText(t: Translate, detail: string | undefined): string | null {
  return detail ? t('hashing.problem.detail', { detail: isolate(detail) }) : null;
}
